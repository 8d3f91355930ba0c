namespace Encryption.Core.Configuration;

/// <summary>
/// One value a source sets: <paramref name="Key"/> is the canonical key (Helm path, e.g.
/// <c>encryption.ipsec.keyFile</c>), <paramref name="Value"/> the value for that key, <paramref name="SpelledAs"/>
/// the key as written (an alias, a ConfigMap key, a flag) and <paramref name="Written"/> the text as written
/// (for <c>ipsec-key-file=/etc/ipsec/keys</c> the value of <c>encryption.ipsec.keyFile</c> is <c>keys</c>).
/// </summary>
public sealed record OptionAssignment(string Key, string Value, string SpelledAs, string Written, OptionOrigin Origin)
{
    /// <summary>Set when <see cref="SpelledAs"/> is an alias of <see cref="Key"/>.</summary>
    public OptionAlias? Alias { get; init; }

    public OptionAssignment(string key, string value, OptionOrigin origin)
        : this(key, value, key, value, origin)
    {
    }
}
