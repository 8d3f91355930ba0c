using System.Collections.Immutable;

namespace Encryption.Core.Cluster;

/// <summary>Everything a cluster source knows: all nodes (the local one included), namespaces, pods.</summary>
public sealed record ClusterView
{
    public static readonly ClusterView Empty = new();

    /// <summary>By name, ordinal order (so consumers can walk two views side by side).</summary>
    public ImmutableSortedDictionary<string, Node> Nodes { get; init; } = ImmutableSortedDictionary.Create<string, Node>(StringComparer.Ordinal);

    public ImmutableSortedDictionary<string, NamespaceInfo> Namespaces { get; init; } = ImmutableSortedDictionary<string, NamespaceInfo>.Empty;

    /// <summary>Pods keyed by <c>namespace/name</c>.</summary>
    public ImmutableSortedDictionary<string, PodInfo> Pods { get; init; } = ImmutableSortedDictionary<string, PodInfo>.Empty;

    /// <summary>The snapshot as seen from <paramref name="local"/> (which need not be in <see cref="Nodes"/> yet).</summary>
    public ClusterSnapshot For(Node local) => new()
    {
        Local = local,
        Remotes = Nodes.Remove(local.Name),
        Namespaces = Namespaces,
        Pods = Pods,
    };
}
