using System.Collections.Immutable;
using Xfrm.Model;

namespace Encryption.IPsec.Backend;

/// <summary>Tunnels per address family and skipped-peer entries of a desired view, movable by the changed nodes alone.</summary>
internal readonly record struct TunnelCounts(int IPv4, int IPv6, int Skipped)
{
    public static TunnelCounts Of(IEnumerable<NodeXfrm> nodes)
    {
        var counts = default(TunnelCounts);
        foreach (var node in nodes)
            counts = counts.Add(node, 1);
        return counts;
    }

    /// <summary>These counts with the <paramref name="touched"/> nodes' entries in <paramref name="before"/> replaced by those in <paramref name="now"/>.</summary>
    public TunnelCounts Moved(ImmutableArray<string> touched, ImmutableSortedDictionary<string, NodeXfrm> before, ImmutableSortedDictionary<string, NodeXfrm> now)
    {
        var counts = this;
        foreach (var name in touched)
        {
            if (before.TryGetValue(name, out var old))
                counts = counts.Add(old, -1);
            if (now.TryGetValue(name, out var entry))
                counts = counts.Add(entry, 1);
        }

        return counts;
    }

    public bool SameFamilies(TunnelCounts other) => (IPv4 > 0) == (other.IPv4 > 0) && (IPv6 > 0) == (other.IPv6 > 0);

    /// <summary>The families with at least one tunnel, IPv4 first.</summary>
    public List<XfrmFamily> Families()
    {
        var families = new List<XfrmFamily>(2);
        if (IPv4 > 0)
            families.Add(XfrmFamily.IPv4);
        if (IPv6 > 0)
            families.Add(XfrmFamily.IPv6);
        return families;
    }

    private TunnelCounts Add(NodeXfrm node, int sign)
    {
        int v4 = 0, v6 = 0;
        foreach (var family in node.Families)
        {
            v4 += family == XfrmFamily.IPv4 ? 1 : 0;
            v6 += family == XfrmFamily.IPv6 ? 1 : 0;
        }

        return new TunnelCounts(IPv4 + (sign * v4), IPv6 + (sign * v6), Skipped + (sign * node.Skipped.Length));
    }
}
