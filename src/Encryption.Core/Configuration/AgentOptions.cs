namespace Encryption.Core.Configuration;

/// <summary>Where the agent learns about other nodes.</summary>
public enum ClusterSourceKind
{
    /// <summary>A shared directory of JSON documents (the lab, the embedded default).</summary>
    File,

    /// <summary>CiliumNode, Namespace and Pod objects.</summary>
    Kubernetes,
}

/// <summary><c>agent.*</c>: the product's own options.</summary>
public sealed record AgentOptions
{
    public string NodeName { get; init; } = "";

    public ClusterSourceKind ClusterSource { get; init; } = ClusterSourceKind.File;

    public string FileStoreDirectory { get; init; } = "/var/run/encryption/cluster";

    public string StatusSocketPath { get; init; } = "/var/run/encryption/status.sock";

    public string BootIdFile { get; init; } = "/proc/sys/kernel/random/boot_id";

    public TimeSpan ResyncInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>host:port of the Prometheus endpoint; empty when disabled.</summary>
    public string MetricsAddress { get; init; } = "";

    /// <summary>kubeconfig path; empty means in-cluster configuration.</summary>
    public string Kubeconfig { get; init; } = "";
}
