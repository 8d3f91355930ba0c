using Encryption.Core.Cluster;

namespace Encryption.Ztunnel.Enrollment;

/// <summary>
/// Gives this node's pods the network-namespace path the cluster source cannot know (Kubernetes has no field for it;
/// the lab's file store names /run/netns/NAME itself). Host-network pods need none; pods not found keep none, and the
/// planner skips them (<see cref="SkipReason.NoNetworkNamespace"/>) until a later pass finds them.
/// </summary>
public static class LocalPodNamespaces
{
    public static ClusterSnapshot Fill(ClusterSnapshot snapshot, IPodNamespaceFinder? finder)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (finder is null)
            return snapshot;
        var missing = snapshot.Pods
            .Where(p => p.Value.NodeName == snapshot.Local.Name && !p.Value.HostNetwork && string.IsNullOrEmpty(p.Value.NetworkNamespacePath))
            .ToList();
        if (missing.Count == 0)
            return snapshot;

        var paths = finder.Find(missing.Select(p => p.Value.Uid).ToHashSet(StringComparer.Ordinal));
        if (paths.Count == 0)
            return snapshot;
        var pods = snapshot.Pods.ToBuilder();
        foreach (var (key, pod) in missing)
        {
            if (paths.TryGetValue(pod.Uid, out var path))
                pods[key] = pod with { NetworkNamespacePath = path };
        }

        return snapshot with { Pods = pods.ToImmutable() };
    }
}
