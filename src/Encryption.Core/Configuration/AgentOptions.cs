using System.Collections.Immutable;
using System.Globalization;
using System.Net;

namespace Encryption.Core.Configuration;

/// <summary>Where the agent learns about other nodes.</summary>
public enum ClusterSourceKind
{
    /// <summary>A shared directory of JSON documents (the lab, the embedded default).</summary>
    File,

    /// <summary>CiliumNode, Namespace and Pod objects.</summary>
    Kubernetes,
}

/// <summary><c>agent.*</c>: the product's own options: who this node is and where state and sockets live.</summary>
public sealed record AgentOptions
{
    public string NodeName { get; init; } = "";

    /// <summary>The underlay IPv4 address this node publishes (file store); null when not configured.</summary>
    public IPAddress? IPv4 { get; init; }

    public IPAddress? IPv6 { get; init; }

    public ImmutableArray<IPNetwork> PodCidrs { get; init; } = [];

    public ImmutableArray<IPAddress> PodIps { get; init; } = [];

    /// <summary>An explicit boot ID; empty means read <see cref="BootIdFile"/>.</summary>
    public string BootId { get; init; } = "";

    /// <summary>Cluster-wide node ID (1..65535) this node publishes; 0 when not assigned.</summary>
    public ushort NodeId { get; init; }

    public ClusterSourceKind ClusterSource { get; init; } = ClusterSourceKind.File;

    public string FileStoreDirectory { get; init; } = "/var/lib/encryption/nodes";

    public string StatusSocketPath { get; init; } = "/var/run/encryption/agent.sock";

    /// <summary>
    /// The agent's runtime directory: the status socket's (tmpfs on a host, so it goes with a reboot, like the kernel
    /// state its files describe: the IPsec key ring, the last backend run).
    /// </summary>
    public string RuntimeDirectory => Path.GetDirectoryName(Path.GetFullPath(StatusSocketPath)) ?? "/var/run/encryption";

    public string BootIdFile { get; init; } = "/proc/sys/kernel/random/boot_id";

    /// <summary>The host's proc file system (a container mounts it elsewhere, e.g. /host/proc).</summary>
    public string Procfs { get; init; } = "/proc";

    public TimeSpan ResyncInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Cilium's <c>--prometheus-serve-addr</c> form (<c>:9962</c>, <c>127.0.0.1:9962</c>); empty when disabled.</summary>
    public string MetricsAddress { get; init; } = "";

    /// <summary>kubeconfig path; empty means in-cluster configuration.</summary>
    public string Kubeconfig { get; init; } = "";

    /// <summary><see cref="MetricsAddress"/> as an endpoint (<c>:PORT</c> listens on all addresses), or null.</summary>
    public IPEndPoint? MetricsEndpoint => ParseEndpoint(MetricsAddress);

    /// <summary>Parses <c>:PORT</c> or <c>IP:PORT</c> (<c>[v6]:PORT</c>); null when empty or invalid.</summary>
    public static IPEndPoint? ParseEndpoint(string text)
    {
        if (text.StartsWith(':') && ushort.TryParse(text.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port > 0)
            return new IPEndPoint(IPAddress.IPv6Any, port);
        return IPEndPoint.TryParse(text, out var endpoint) && endpoint.Port > 0 && text.Contains(':', StringComparison.Ordinal) ? endpoint : null;
    }

    /// <summary>Value equality, the lists compared by content (a record would compare them by reference).</summary>
    public bool Equals(AgentOptions? other) =>
        other is not null
        && NodeName == other.NodeName
        && Equals(IPv4, other.IPv4)
        && Equals(IPv6, other.IPv6)
        && PodCidrs.SequenceEqual(other.PodCidrs)
        && PodIps.SequenceEqual(other.PodIps)
        && BootId == other.BootId
        && NodeId == other.NodeId
        && ClusterSource == other.ClusterSource
        && FileStoreDirectory == other.FileStoreDirectory
        && StatusSocketPath == other.StatusSocketPath
        && BootIdFile == other.BootIdFile
        && Procfs == other.Procfs
        && ResyncInterval == other.ResyncInterval
        && MetricsAddress == other.MetricsAddress
        && Kubeconfig == other.Kubeconfig;

    public override int GetHashCode() => HashCode.Combine(NodeName, IPv4, IPv6, PodCidrs.Length, PodIps.Length, ClusterSource, FileStoreDirectory, StatusSocketPath);
}
