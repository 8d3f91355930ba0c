using System.Collections.Immutable;

namespace Encryption.Core.Configuration;

/// <summary>One key that differs between two option snapshots; <see cref="Old"/> or <see cref="New"/> is null when absent.</summary>
public sealed record OptionChange(string Key, string? Old, string? New);

/// <summary>What changed between two snapshots, by canonical key, in key order.</summary>
public sealed record OptionsDiff(ImmutableArray<OptionChange> Added, ImmutableArray<OptionChange> Changed, ImmutableArray<OptionChange> Removed)
{
    public bool IsEmpty => Added.IsEmpty && Changed.IsEmpty && Removed.IsEmpty;

    /// <summary>
    /// Compares <paramref name="before"/> and <paramref name="after"/>: a key with no (empty) value before is Added, one
    /// with no value after is Removed, one whose value differs is Changed.
    /// </summary>
    public static OptionsDiff Between(EncryptionOptions before, EncryptionOptions after)
    {
        var old = OptionsFlattener.Flatten(before);
        var now = OptionsFlattener.Flatten(after);
        return new OptionsDiff(
            now.Where(n => !old.ContainsKey(n.Key)).Select(n => new OptionChange(n.Key, null, n.Value)).ToImmutableArray(),
            now.Where(n => old.TryGetValue(n.Key, out var o) && o != n.Value).Select(n => new OptionChange(n.Key, old[n.Key], n.Value)).ToImmutableArray(),
            old.Where(o => !now.ContainsKey(o.Key)).Select(o => new OptionChange(o.Key, o.Value, null)).ToImmutableArray());
    }

    /// <summary>Whether anything under <paramref name="prefix"/> (e.g. <c>encryption.ipsec.</c>) changed.</summary>
    public bool Touches(string prefix) =>
        Added.Concat(Changed).Concat(Removed).Any(c => c.Key.StartsWith(prefix, StringComparison.Ordinal));
}
