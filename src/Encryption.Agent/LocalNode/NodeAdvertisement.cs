using System.Collections.Immutable;
using Encryption.Core.Cluster;

namespace Encryption.Agent.LocalNode;

/// <summary>
/// Whether two node objects advertise the same facts. <see cref="Node"/> is a record, but its immutable collections
/// compare by reference, so a node read back from a store never equals the one we wrote.
/// </summary>
internal static class NodeAdvertisement
{
    public static bool Same(Node? a, Node? b)
    {
        if (a is null || b is null)
            return a is null && b is null;
        return a.Name == b.Name
            && Equals(a.IPv4, b.IPv4)
            && Equals(a.IPv6, b.IPv6)
            && a.PodCidrs.SequenceEqual(b.PodCidrs)
            && a.PodIps.SequenceEqual(b.PodIps)
            && string.Equals(a.BootId, b.BootId, StringComparison.OrdinalIgnoreCase)
            && a.NodeId == b.NodeId
            && a.IPsecKeyId == b.IPsecKeyId
            && SameEntries(a.Labels, b.Labels)
            && SameEntries(a.Annotations, b.Annotations);
    }

    private static bool SameEntries(ImmutableDictionary<string, string> a, ImmutableDictionary<string, string> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);
}
