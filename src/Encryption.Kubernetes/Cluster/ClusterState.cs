using System.Collections.Immutable;
using System.Net;
using Encryption.Core.Cluster;

namespace Encryption.Kubernetes.Cluster;

/// <summary>
/// The view being assembled from the three watches, and the changes each update makes. A node's
/// <see cref="Node.PodIps"/> is derived from the pods placed on it (non-host-network), so a pod change can
/// also change its node. Not thread-safe: the source serialises calls.
/// </summary>
internal sealed class ClusterState
{
    private readonly Dictionary<string, Node> _mappedNodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _podsByNode = new(StringComparer.Ordinal);

    public ClusterView View { get; private set; } = ClusterView.Empty;

    public IReadOnlyList<ClusterChange> SetNode(string name, Node? node)
    {
        if (node is null)
            _mappedNodes.Remove(name);
        else
            _mappedNodes[name] = node;
        var change = Recompose(name);
        return change is null ? [] : [change];
    }

    public IReadOnlyList<ClusterChange> SetNamespace(string name, NamespaceInfo? ns)
    {
        var old = View.Namespaces.GetValueOrDefault(name);
        if (ModelEquality.Same(old, ns))
            return [];
        View = View with { Namespaces = ns is null ? View.Namespaces.Remove(name) : View.Namespaces.SetItem(name, ns) };
        return [new ClusterChange.NamespaceChanged(old, ns)];
    }

    public IReadOnlyList<ClusterChange> SetPod(string key, PodInfo? pod)
    {
        var old = View.Pods.GetValueOrDefault(key);
        if (ModelEquality.Same(old, pod))
            return [];
        View = View with { Pods = pod is null ? View.Pods.Remove(key) : View.Pods.SetItem(key, pod) };
        if (old is not null && _podsByNode.TryGetValue(old.NodeName, out var before))
            before.Remove(key);
        if (pod is not null)
        {
            if (!_podsByNode.TryGetValue(pod.NodeName, out var after))
                _podsByNode[pod.NodeName] = after = new HashSet<string>(StringComparer.Ordinal);
            after.Add(key);
        }

        var changes = new List<ClusterChange> { new ClusterChange.PodChanged(old, pod) };
        foreach (var nodeName in new[] { old?.NodeName, pod?.NodeName }.Distinct())
        {
            if (!string.IsNullOrEmpty(nodeName) && Recompose(nodeName) is { } nodeChange)
                changes.Add(nodeChange);
        }
        return changes;
    }

    private ClusterChange.NodeChanged? Recompose(string name)
    {
        var old = View.Nodes.GetValueOrDefault(name);
        var composed = _mappedNodes.TryGetValue(name, out var mapped) ? mapped with { PodIps = PodIpsOn(name) } : null;
        if (ModelEquality.Same(old, composed))
            return null;
        View = View with { Nodes = composed is null ? View.Nodes.Remove(name) : View.Nodes.SetItem(name, composed) };
        return new ClusterChange.NodeChanged(old, composed);
    }

    private ImmutableArray<IPAddress> PodIpsOn(string nodeName)
    {
        if (!_podsByNode.TryGetValue(nodeName, out var keys) || keys.Count == 0)
            return [];
        var ips = new List<IPAddress>();
        foreach (var key in keys)
        {
            var pod = View.Pods[key];
            if (!pod.HostNetwork)
                ips.AddRange(pod.Ips);
        }
        ips.Sort(CompareAddresses);
        return [.. ips.Distinct()];
    }

    private static int CompareAddresses(IPAddress a, IPAddress b)
    {
        var family = a.AddressFamily.CompareTo(b.AddressFamily);
        return family != 0 ? family : a.GetAddressBytes().AsSpan().SequenceCompareTo(b.GetAddressBytes());
    }
}
