using Encryption.Core.Cluster;

namespace Encryption.Agent.LocalNode;

/// <summary>
/// What this agent advertises about its node, compared with and laid over what the cluster source holds. The agent
/// may set only some fields (with Kubernetes, Cilium owns the CiliumNode's addresses and pod CIDRs): the fields it
/// leaves empty are the source's.
/// </summary>
internal static class NodeAdvertisement
{
    /// <summary>True when <paramref name="published"/> already says everything <paramref name="advertised"/> sets.</summary>
    public static bool IsCoveredBy(Node advertised, Node? published)
    {
        ArgumentNullException.ThrowIfNull(advertised);
        if (published is null)
            return false;
        return advertised.Name == published.Name
            && (advertised.IPv4 is null || advertised.IPv4.Equals(published.IPv4))
            && (advertised.IPv6 is null || advertised.IPv6.Equals(published.IPv6))
            && (advertised.PodCidrs.IsEmpty || advertised.PodCidrs.SequenceEqual(published.PodCidrs))
            && (advertised.PodIps.IsEmpty || advertised.PodIps.SequenceEqual(published.PodIps))
            && (advertised.BootId is null || string.Equals(advertised.BootId, published.BootId, StringComparison.OrdinalIgnoreCase))
            && (advertised.NodeId == 0 || advertised.NodeId == published.NodeId)
            && advertised.IPsecKeyId == published.IPsecKeyId
            && advertised.Labels.All(kv => published.Labels.TryGetValue(kv.Key, out var v) && v == kv.Value)
            && advertised.Annotations.All(kv => published.Annotations.TryGetValue(kv.Key, out var v) && v == kv.Value);
    }

    /// <summary>The local node for a snapshot: the source's object with what the agent advertises laid over it.</summary>
    public static Node Overlay(Node advertised, Node? published)
    {
        ArgumentNullException.ThrowIfNull(advertised);
        if (published is null)
            return advertised;
        return published with
        {
            IPv4 = advertised.IPv4 ?? published.IPv4,
            IPv6 = advertised.IPv6 ?? published.IPv6,
            PodCidrs = advertised.PodCidrs.IsEmpty ? published.PodCidrs : advertised.PodCidrs,
            PodIps = advertised.PodIps.IsEmpty ? published.PodIps : advertised.PodIps,
            BootId = advertised.BootId ?? published.BootId,
            NodeId = advertised.NodeId == 0 ? published.NodeId : advertised.NodeId,
            IPsecKeyId = advertised.IPsecKeyId,
            Labels = published.Labels.SetItems(advertised.Labels),
            Annotations = published.Annotations.SetItems(advertised.Annotations),
        };
    }
}
