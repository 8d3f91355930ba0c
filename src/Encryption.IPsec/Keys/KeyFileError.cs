namespace Encryption.IPsec.Keys;

/// <summary>One problem in a key file: where it is (line, 1-based field) and why. Never contains key material.</summary>
public sealed record KeyFileError(int Line, int? Field, string FieldName, string Reason)
{
    public override string ToString() => Field is { } f
        ? $"line {Line}, field {f} ({FieldName}): {Reason}"
        : $"line {Line}: {Reason}";
}

/// <summary>The key file was refused; the keys already in force stay in force.</summary>
public sealed class KeyFileException : Exception
{
    public KeyFileException(string source, IReadOnlyList<KeyFileError> errors)
        : base($"IPsec key file {source} refused, keys in force are kept: " + string.Join("; ", errors))
    {
        Errors = errors;
    }

    public KeyFileException() : this("?", []) { }

    public KeyFileException(string message) : base(message) => Errors = [];

    public KeyFileException(string message, Exception inner) : base(message, inner) => Errors = [];

    public IReadOnlyList<KeyFileError> Errors { get; } = [];
}
