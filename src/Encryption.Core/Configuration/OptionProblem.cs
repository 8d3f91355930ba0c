namespace Encryption.Core.Configuration;

/// <summary>
/// One error or warning about the options. <see cref="Key"/> is the key as the operator spelled it
/// (<c>encryption.strictMode.cidr</c>, <c>encryption-strict-mode-cidr</c>, <c>--enable-ipsec</c>),
/// <see cref="Value"/> the value as written, <see cref="Source"/> where it was written.
/// </summary>
public sealed record OptionProblem(string Key, string Value, string Source, string Message)
{
    /// <summary>The canonical key (Helm path) the problem is about, or null for source-level problems.</summary>
    public string? CanonicalKey { get; init; }

    public override string ToString() => Source.Length == 0
        ? $"{Key}='{Value}': {Message}"
        : $"{Key}='{Value}' ({Source}): {Message}";
}
