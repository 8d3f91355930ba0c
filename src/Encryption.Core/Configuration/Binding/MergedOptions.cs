using System.Collections.Immutable;

namespace Encryption.Core.Configuration;

/// <summary>
/// The winning written value of every key after merging (values file &lt; config directory &lt; environment &lt;
/// command line), with where it came from. Keys nobody set are absent and take the catalog default.
/// </summary>
public sealed record MergedOptions(ImmutableDictionary<string, OptionAssignment> Values)
{
    public static readonly MergedOptions Empty = new(ImmutableDictionary<string, OptionAssignment>.Empty.WithComparers(StringComparer.Ordinal));

    public bool IsSet(string key) => Values.ContainsKey(key);

    /// <summary>The written value, or the default.</summary>
    public string Raw(string key) => Values.TryGetValue(key, out var a) ? a.Value : OptionCatalog.Get(key).Default;

    /// <summary>The assignment, or a synthetic one for the default.</summary>
    public OptionAssignment Get(string key) =>
        Values.TryGetValue(key, out var a) ? a : new OptionAssignment(key, OptionCatalog.Get(key).Default, OptionOrigin.Default);
}
