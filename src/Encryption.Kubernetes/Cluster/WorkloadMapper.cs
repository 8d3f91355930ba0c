using System.Collections.Immutable;
using System.Net;
using Encryption.Core.Cluster;
using Encryption.Kubernetes.Models;

namespace Encryption.Kubernetes.Cluster;

/// <summary>Namespace → <see cref="NamespaceInfo"/>, Pod → <see cref="PodInfo"/>. Pure.</summary>
public static class WorkloadMapper
{
    public static NamespaceInfo ToNamespaceInfo(KubernetesNamespace ns)
    {
        ArgumentNullException.ThrowIfNull(ns);
        return new NamespaceInfo(ns.Metadata.Name ?? "", CiliumNodeMapper.ToImmutable(ns.Metadata.Labels));
    }

    /// <summary>The pod, or null for a pod that has finished (Succeeded/Failed): its IPs are released.</summary>
    public static PodInfo? ToPodInfo(Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (pod.Status.Phase is "Succeeded" or "Failed")
            return null;
        return new PodInfo
        {
            Namespace = pod.Metadata.Namespace ?? "",
            Name = pod.Metadata.Name ?? "",
            Uid = pod.Metadata.Uid ?? "",
            ServiceAccount = string.IsNullOrEmpty(pod.Spec.ServiceAccountName) ? "default" : pod.Spec.ServiceAccountName,
            NodeName = pod.Spec.NodeName ?? "",
            HostNetwork = pod.Spec.HostNetwork,
            Ips = PodIps(pod.Status),
            Labels = CiliumNodeMapper.ToImmutable(pod.Metadata.Labels),
        };
    }

    /// <summary><c>status.podIPs</c> (dual stack), falling back to <c>status.podIP</c>.</summary>
    private static ImmutableArray<IPAddress> PodIps(PodStatus status)
    {
        var builder = ImmutableArray.CreateBuilder<IPAddress>();
        foreach (var entry in status.PodIPs ?? [])
        {
            if (IPAddress.TryParse(entry.Ip, out var ip) && !builder.Contains(ip))
                builder.Add(ip);
        }
        if (builder.Count == 0 && IPAddress.TryParse(status.PodIP, out var single))
            builder.Add(single);
        return builder.ToImmutable();
    }
}
