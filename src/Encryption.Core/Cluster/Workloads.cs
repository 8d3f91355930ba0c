using System.Collections.Immutable;
using System.Net;

namespace Encryption.Core.Cluster;

/// <summary>A Kubernetes namespace with its labels.</summary>
public sealed record NamespaceInfo(string Name, ImmutableDictionary<string, string> Labels)
{
    /// <summary>Value equality: labels are compared by content.</summary>
    public bool Equals(NamespaceInfo? other) => other is not null && Name == other.Name && ValueEquality.Same(Labels, other.Labels);

    public override int GetHashCode() => Name.GetHashCode(StringComparison.Ordinal);
}

/// <summary>A pod as the backends need it.</summary>
public sealed record PodInfo
{
    public required string Namespace { get; init; }

    public required string Name { get; init; }

    public required string Uid { get; init; }

    public string ServiceAccount { get; init; } = "default";

    public required string NodeName { get; init; }

    public ImmutableArray<IPAddress> Ips { get; init; } = [];

    public bool HostNetwork { get; init; }

    public ImmutableDictionary<string, string> Labels { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>Path of the pod's network namespace on its node (lab: /run/netns/NAME), when known.</summary>
    public string? NetworkNamespacePath { get; init; }

    /// <summary>Value equality: IPs and labels are compared by content.</summary>
    public bool Equals(PodInfo? other) =>
        other is not null
        && Namespace == other.Namespace
        && Name == other.Name
        && Uid == other.Uid
        && ServiceAccount == other.ServiceAccount
        && NodeName == other.NodeName
        && ValueEquality.Same(Ips, other.Ips)
        && HostNetwork == other.HostNetwork
        && ValueEquality.Same(Labels, other.Labels)
        && NetworkNamespacePath == other.NetworkNamespacePath;

    public override int GetHashCode() => HashCode.Combine(Namespace, Name, Uid, NodeName);
}
