using System.Collections.Immutable;
using Encryption.Core.Cluster;

namespace Encryption.Kubernetes.Cluster;

/// <summary>
/// Value equality for the Core model, whose records compare collections by reference. Used to drop
/// no-op updates (a CiliumNode status or Pod condition change that changes nothing we map) while still
/// reporting annotation-only changes (Cilium bug #25492). Scalar members are compared by the record's own
/// Equals, so members added to the model later are covered.
/// </summary>
internal static class ModelEquality
{
    public static bool Same(Node? a, Node? b)
    {
        if (a is null || b is null)
            return a is null && b is null;
        return a.PodCidrs.SequenceEqual(b.PodCidrs)
            && a.PodIps.SequenceEqual(b.PodIps)
            && Same(a.Labels, b.Labels)
            && Same(a.Annotations, b.Annotations)
            && StripCollections(a) == StripCollections(b);
    }

    public static bool Same(PodInfo? a, PodInfo? b)
    {
        if (a is null || b is null)
            return a is null && b is null;
        return a.Ips.SequenceEqual(b.Ips)
            && Same(a.Labels, b.Labels)
            && a with { Ips = [], Labels = ImmutableDictionary<string, string>.Empty } == b with { Ips = [], Labels = ImmutableDictionary<string, string>.Empty };
    }

    public static bool Same(NamespaceInfo? a, NamespaceInfo? b)
    {
        if (a is null || b is null)
            return a is null && b is null;
        return a.Name == b.Name && Same(a.Labels, b.Labels);
    }

    private static Node StripCollections(Node node) => node with
    {
        PodCidrs = ImmutableArray<System.Net.IPNetwork>.Empty,
        PodIps = ImmutableArray<System.Net.IPAddress>.Empty,
        Labels = ImmutableDictionary<string, string>.Empty,
        Annotations = ImmutableDictionary<string, string>.Empty,
    };

    private static bool Same(ImmutableDictionary<string, string> a, ImmutableDictionary<string, string> b)
    {
        if (a.Count != b.Count)
            return false;
        foreach (var (key, value) in a)
        {
            if (!b.TryGetValue(key, out var other) || other != value)
                return false;
        }
        return true;
    }
}
