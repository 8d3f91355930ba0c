using System.Collections.Immutable;
using Encryption.Core.Cluster;
using Encryption.IPsec.Diagnostics;

namespace Encryption.IPsec.Backend;

/// <summary>One remote node that differs between two applies: added (no <see cref="Before"/>), removed (no <see cref="After"/>) or changed.</summary>
public sealed record NodeDifference(string Name, Node? Before, Node? After);

/// <summary>What changed among the remote nodes between two applies (pure): the differing nodes, and event details for them.</summary>
public static class NodeChurn
{
    /// <summary>The event details of <see cref="Differences"/>; a change that matters to no tunnel (labels, say) has none.</summary>
    public static IEnumerable<(string Kind, string Detail)> Between(IReadOnlyDictionary<string, Node>? before, IReadOnlyDictionary<string, Node> after) =>
        Describe(Differences(before, after));

    /// <summary>
    /// Every remote node that is not the same (by reference or value) in <paramref name="before"/> and
    /// <paramref name="after"/>, in one walk; nothing on the first apply (<paramref name="before"/> null).
    /// </summary>
    public static IReadOnlyList<NodeDifference> Differences(IReadOnlyDictionary<string, Node>? before, IReadOnlyDictionary<string, Node> after)
    {
        ArgumentNullException.ThrowIfNull(after);
        if (before is null || ReferenceEquals(before, after))
            return [];
        if (before is ImmutableSortedDictionary<string, Node> sortedBefore && after is ImmutableSortedDictionary<string, Node> sortedAfter
            && sortedBefore.KeyComparer == StringComparer.Ordinal && sortedAfter.KeyComparer == StringComparer.Ordinal)
            return Merge(sortedBefore, sortedAfter);

        var differences = new List<NodeDifference>();
        foreach (var (name, node) in after)
        {
            var old = before.GetValueOrDefault(name);
            if (!Same(old, node))
                differences.Add(new NodeDifference(name, old, node));
        }

        foreach (var (name, old) in before)
        {
            if (!after.ContainsKey(name))
                differences.Add(new NodeDifference(name, old, null));
        }

        return differences;
    }

    public static IEnumerable<(string Kind, string Detail)> Describe(IEnumerable<NodeDifference> differences)
    {
        ArgumentNullException.ThrowIfNull(differences);
        foreach (var difference in differences)
        {
            if (difference.Before is null)
                yield return (IPsecEvent.NodeAdded, Added(difference.After!));
            else if (difference.After is null)
                yield return (IPsecEvent.NodeRemoved, difference.Name);
            else if (Changed(difference.Name, difference.Before, difference.After) is { } detail)
                yield return (IPsecEvent.NodeChanged, detail);
        }
    }

    /// <summary>Both sides sorted by the same comparer: one walk over both, no lookups (5,000 nodes in well under a millisecond).</summary>
    private static List<NodeDifference> Merge(ImmutableSortedDictionary<string, Node> before, ImmutableSortedDictionary<string, Node> after)
    {
        var differences = new List<NodeDifference>();
        using var old = before.GetEnumerator();
        using var now = after.GetEnumerator();
        var hasOld = old.MoveNext();
        var hasNow = now.MoveNext();
        while (hasOld || hasNow)
        {
            var order = !hasOld ? 1 : !hasNow ? -1 : string.CompareOrdinal(old.Current.Key, now.Current.Key);
            if (order < 0)
            {
                differences.Add(new NodeDifference(old.Current.Key, old.Current.Value, null));
                hasOld = old.MoveNext();
            }
            else if (order > 0)
            {
                differences.Add(new NodeDifference(now.Current.Key, null, now.Current.Value));
                hasNow = now.MoveNext();
            }
            else
            {
                if (!Same(old.Current.Value, now.Current.Value))
                    differences.Add(new NodeDifference(now.Current.Key, old.Current.Value, now.Current.Value));
                hasOld = old.MoveNext();
                hasNow = now.MoveNext();
            }
        }

        return differences;
    }

    private static bool Same(Node? old, Node node) => ReferenceEquals(old, node) || (old is not null && old.Equals(node));

    private static string Added(Node node) => $"{node.Name} ({string.Join(", ", node.Addresses)})";

    private static string? Changed(string name, Node old, Node node)
    {
        var changes = new List<string>();
        if (!Equals(old.IPv4, node.IPv4) || !Equals(old.IPv6, node.IPv6))
            changes.Add($"address {string.Join(", ", old.Addresses)} -> {string.Join(", ", node.Addresses)}");
        if (old.BootId != node.BootId)
            changes.Add("boot ID changed (rebooted: its tunnel keys are derived again)");
        if (old.IPsecKeyId != node.IPsecKeyId)
            changes.Add($"advertised key {old.IPsecKeyId} -> {node.IPsecKeyId}");
        if (!old.PodCidrs.SequenceEqual(node.PodCidrs))
            changes.Add($"pod CIDRs {string.Join(",", old.PodCidrs)} -> {string.Join(",", node.PodCidrs)}");
        return changes.Count > 0 ? $"{name}: {string.Join("; ", changes)}" : null;
    }
}
