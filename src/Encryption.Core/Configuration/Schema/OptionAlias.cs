namespace Encryption.Core.Configuration;

/// <summary>How an alias is treated.</summary>
public enum AliasKind
{
    /// <summary>An old name: accepted, mapped to the new key, and warned about.</summary>
    Deprecated,

    /// <summary>Another accepted spelling (e.g. <c>K8S_NODE_NAME</c>); no warning.</summary>
    Alternative,
}

/// <summary>
/// Another spelling of a canonical key. Within one source, an alias and its target set to different values is an
/// error; the same value only warns (for deprecated aliases).
/// </summary>
public sealed record OptionAlias(string Spelling, string Target, AliasKind Kind, string Note);
