using Encryption.Core.Cluster;

namespace Encryption.Ztunnel.Enrollment;

/// <summary>What ztunnel's NODE_NAME is set to, and so what <c>Workload.node</c> must hold for its local pods.</summary>
public enum NodeIdentityConvention
{
    /// <summary>Cilium's DaemonSet: <c>NODE_NAME=status.hostIP</c> (the node's primary IP, IPv4 first).</summary>
    HostIp,

    /// <summary>Istio's: <c>NODE_NAME=spec.nodeName</c>.</summary>
    NodeName,
}

public static class NodeIdentity
{
    /// <summary>The NODE_NAME a ztunnel on <paramref name="node"/> has; the node name when it has no address yet.</summary>
    public static string Of(Node node, NodeIdentityConvention convention)
    {
        ArgumentNullException.ThrowIfNull(node);
        return convention switch
        {
            NodeIdentityConvention.HostIp => (node.IPv4 ?? node.IPv6)?.ToString() ?? node.Name,
            _ => node.Name,
        };
    }
}
