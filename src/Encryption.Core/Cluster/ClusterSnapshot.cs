using System.Collections.Immutable;

namespace Encryption.Core.Cluster;

/// <summary>An immutable view of the cluster from one node: itself, the others, namespaces and pods.</summary>
public sealed record ClusterSnapshot
{
    public required Node Local { get; init; }

    /// <summary>Every other node, keyed by name.</summary>
    public ImmutableSortedDictionary<string, Node> Remotes { get; init; } = ImmutableSortedDictionary.Create<string, Node>(StringComparer.Ordinal);

    public ImmutableSortedDictionary<string, NamespaceInfo> Namespaces { get; init; } = ImmutableSortedDictionary<string, NamespaceInfo>.Empty;

    /// <summary>Pods keyed by <c>namespace/name</c>.</summary>
    public ImmutableSortedDictionary<string, PodInfo> Pods { get; init; } = ImmutableSortedDictionary<string, PodInfo>.Empty;

    public static ClusterSnapshot Of(Node local, params IEnumerable<Node> remotes) => new()
    {
        Local = local,
        Remotes = remotes.Where(n => n.Name != local.Name).ToImmutableSortedDictionary(n => n.Name, n => n, StringComparer.Ordinal),
    };
}
