using System.Collections.Immutable;
using Encryption.Core.Cluster;

namespace Encryption.Ztunnel.Enrollment;

/// <summary>
/// Snapshot in, desired enrollment out; no I/O. A namespace is enrolled when its label is exactly
/// "true". Its pods are meshed cluster-wide except host-network pods and ztunnel's own; pods of this
/// node are handed to ztunnel when their network namespace is known.
/// </summary>
public static class EnrollmentPlanner
{
    public static EnrollmentPlan Plan(ClusterSnapshot snapshot, EnrollmentPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(policy);
        var namespaces = snapshot.Namespaces.Values
            .Where(ns => ns.Labels.TryGetValue(policy.NamespaceLabel, out var value) && value == "true")
            .Select(ns => ns.Name)
            .ToImmutableSortedSet(StringComparer.Ordinal);
        var mesh = ImmutableArray.CreateBuilder<MeshWorkload>();
        var local = ImmutableArray.CreateBuilder<LocalWorkload>();
        var skipped = ImmutableArray.CreateBuilder<SkippedPod>();
        foreach (var pod in snapshot.Pods.Values)
        {
            if (!namespaces.Contains(pod.Namespace))
                continue;
            var isLocal = pod.NodeName == snapshot.Local.Name;
            var reason = SkipReasonFor(pod, policy, isLocal);
            if (reason is { } r)
            {
                skipped.Add(new SkippedPod(pod.Namespace, pod.Name, r));
                continue;
            }

            var workload = new MeshWorkload
            {
                Uid = pod.Uid,
                Name = pod.Name,
                Namespace = pod.Namespace,
                ServiceAccount = string.IsNullOrEmpty(pod.ServiceAccount) ? "default" : pod.ServiceAccount,
                Node = NodeIdentityOf(snapshot, pod.NodeName, policy.NodeIdentity),
                Addresses = pod.Ips,
            };
            mesh.Add(workload);
            if (isLocal)
                local.Add(new LocalWorkload(workload, pod.NetworkNamespacePath!));
        }

        return new EnrollmentPlan
        {
            Namespaces = [.. namespaces],
            Mesh = mesh.ToImmutable(),
            Local = local.ToImmutable(),
            Skipped = skipped.ToImmutable(),
            LocalNodeIdentity = NodeIdentity.Of(snapshot.Local, policy.NodeIdentity),
        };
    }

    private static SkipReason? SkipReasonFor(PodInfo pod, EnrollmentPolicy policy, bool isLocal)
    {
        if (pod.HostNetwork)
            return SkipReason.HostNetwork;
        if (pod.Labels.TryGetValue(policy.ZtunnelPodLabel.Key, out var value) && value == policy.ZtunnelPodLabel.Value)
            return SkipReason.ZtunnelItself;
        if (pod.Ips.IsDefaultOrEmpty)
            return SkipReason.NoAddresses;
        if (isLocal && string.IsNullOrEmpty(pod.NetworkNamespacePath))
            return SkipReason.NoNetworkNamespace;
        return null;
    }

    private static string NodeIdentityOf(ClusterSnapshot snapshot, string nodeName, NodeIdentityConvention convention)
    {
        if (nodeName == snapshot.Local.Name)
            return NodeIdentity.Of(snapshot.Local, convention);
        return snapshot.Remotes.TryGetValue(nodeName, out var node) ? NodeIdentity.Of(node, convention) : nodeName;
    }
}
