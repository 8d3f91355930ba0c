using Encryption.Kubernetes.Informers;

namespace Encryption.Kubernetes.Cluster;

/// <summary>What the Kubernetes cluster source watches and how it publishes the local node.</summary>
public sealed record KubernetesSourceOptions
{
    /// <summary>This agent's node: the only CiliumNode it will ever write.</summary>
    public required string NodeName { get; init; }

    /// <summary>Watch Namespaces (their labels enroll pods into ztunnel).</summary>
    public bool WatchNamespaces { get; init; } = true;

    /// <summary>Watch Pods (ztunnel workloads; pod IPs per node).</summary>
    public bool WatchPods { get; init; } = true;

    /// <summary>Narrows the pod watch, e.g. <c>spec.nodeName=node-a</c> for local pods only.</summary>
    public string? PodFieldSelector { get; init; }

    /// <summary>Take node IPs from <c>CiliumInternalIP</c> addresses first (Cilium's <c>use-cilium-internal-ip-for-ipsec</c>).</summary>
    public bool UseCiliumInternalIP { get; init; }

    /// <summary>Also publish <c>spec.bootid</c>: peers derive per-tunnel IPsec keys from it.</summary>
    public bool PublishBootId { get; init; } = true;

    /// <summary>Create the local CiliumNode when it does not exist (clusters where Cilium does not create it).</summary>
    public bool CreateLocalNodeIfMissing { get; init; }

    public InformerOptions Informer { get; init; } = new();
}
