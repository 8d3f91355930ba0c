using Encryption.Core.Backends;
using System.Collections.Immutable;
using System.Net;

namespace Encryption.Agent.Options;

/// <summary>Where the agent learns about the cluster.</summary>
internal enum ClusterSourceKind
{
    /// <summary>A directory with one JSON document per node (the lab, the embedded default).</summary>
    File,

    /// <summary>CiliumNode, Namespace and Pod watches on a Kubernetes API server.</summary>
    Kubernetes,
}

/// <summary>
/// The agent's own settings (who this node is, where state and sockets live), as an immutable, validated
/// snapshot. The encryption settings themselves (the Helm <c>encryption.*</c> tree) live in Encryption.Core.
/// </summary>
internal sealed record AgentOptions
{
    public const string DefaultStatusSocket = "/var/run/encryption/agent.sock";
    public const string DefaultStoreDirectory = "/var/lib/encryption/nodes";
    public const string DefaultBootIdFile = "/proc/sys/kernel/random/boot_id";

    public required string NodeName { get; init; }

    public IPAddress? IPv4 { get; init; }

    public IPAddress? IPv6 { get; init; }

    public ImmutableArray<IPNetwork> PodCidrs { get; init; } = [];

    public ImmutableArray<IPAddress> PodIps { get; init; } = [];

    /// <summary>An explicit boot ID (the lab gives each node its own); null reads <see cref="BootIdFile"/>.</summary>
    public string? BootId { get; init; }

    public string BootIdFile { get; init; } = DefaultBootIdFile;

    public EncryptionType Backend { get; init; } = EncryptionType.None;

    public ClusterSourceKind ClusterSource { get; init; } = ClusterSourceKind.File;

    public string StoreDirectory { get; init; } = DefaultStoreDirectory;

    /// <summary>Unix socket of the local status API (HTTP): <c>encrypt status</c> talks to it.</summary>
    public string StatusSocket { get; init; } = DefaultStatusSocket;

    /// <summary>TCP endpoint for <c>/metrics</c> and <c>/healthz</c> (Cilium: <c>--prometheus-serve-addr</c>); null: unix socket only.</summary>
    public IPEndPoint? PrometheusEndpoint { get; init; }

    /// <summary>Full resync period: re-apply the whole desired state and re-check the published node.</summary>
    public TimeSpan ResyncInterval { get; init; } = TimeSpan.FromSeconds(30);
}
