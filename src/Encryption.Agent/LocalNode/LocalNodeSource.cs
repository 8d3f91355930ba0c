using Encryption.Core.Configuration;
using Encryption.Core.Backends;
using Encryption.Core.Cluster;

namespace Encryption.Agent.LocalNode;

/// <summary>
/// This node as the agent advertises it: addresses, pod CIDRs and boot ID from the options, plus what the backend
/// adds (IPsec key ID, WireGuard public key). Recomputed on every call, so a backend's new key shows up at once.
/// </summary>
internal sealed class LocalNodeSource(Node baseNode, IEncryptionBackend backend)
{
    public string Name => baseNode.Name;

    public Node Desired() => backend.DecorateLocalNode(baseNode);

    /// <summary>The backend's own change notifications, when it has any.</summary>
    public IBackendSignals? Signals => backend as IBackendSignals;

    public static Node BaseNode(AgentOptions options, string bootId)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new Node
        {
            Name = options.NodeName,
            IPv4 = options.IPv4,
            IPv6 = options.IPv6,
            PodCidrs = options.PodCidrs,
            PodIps = options.PodIps,
            BootId = bootId,
            NodeId = options.NodeId,
        };
    }
}
