using System.Text;

namespace Encryption.Core.Keys;

/// <summary>
/// One reading of a key file: whether it exists, its bytes and a SHA-256 of them. The bytes are key material:
/// <see cref="ToString"/> never shows them (nor the hash), so logging a snapshot is safe.
/// </summary>
public sealed class KeyFileSnapshot : IEquatable<KeyFileSnapshot>
{
    public KeyFileSnapshot(string path, ReadOnlyMemory<byte>? content, DateTimeOffset readAt)
    {
        Path = path;
        Exists = content is not null;
        Content = content ?? ReadOnlyMemory<byte>.Empty;
        Hash = content is { } bytes ? System.Security.Cryptography.SHA256.HashData(bytes.Span) : [];
        ReadAt = readAt;
    }

    public string Path { get; }

    public bool Exists { get; }

    /// <summary>The file's bytes. Key material: never log.</summary>
    public ReadOnlyMemory<byte> Content { get; }

    /// <summary>SHA-256 of <see cref="Content"/>, empty when the file is missing: what change detection compares.</summary>
    public ReadOnlyMemory<byte> Hash { get; }

    public DateTimeOffset ReadAt { get; }

    /// <summary>The content as UTF-8 text (the IPsec key file is one line of text). Key material: never log.</summary>
    public string Text => Encoding.UTF8.GetString(Content.Span);

    /// <summary>Same existence and same content; the reading time does not matter.</summary>
    public bool Equals(KeyFileSnapshot? other) =>
        other is not null && Path == other.Path && Exists == other.Exists && Hash.Span.SequenceEqual(other.Hash.Span);

    public override bool Equals(object? obj) => Equals(obj as KeyFileSnapshot);

    public override int GetHashCode() => HashCode.Combine(Path, Exists, Hash.Length > 0 ? BitConverter.ToInt32(Hash.Span) : 0);

    public override string ToString() => Exists ? $"{Path} ({Content.Length} bytes)" : $"{Path} (missing)";
}
