using Encryption.Core.Cluster;
using Encryption.Core.FileStore;
using Encryption.Core.IO;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;

namespace Encryption.Cli.Lab;

/// <summary>
/// The lab plays the API server for its workloads: it writes a namespace document and one pod document per pod
/// into the shared file store (what Namespace and Pod objects are in Kubernetes), so backends that care about pods
/// (ztunnel enrollment, pod IPs) see them. The namespace carries the ztunnel enrollment label; <c>lab enrollment
/// off|on</c> removes or restores it on a running lab, as <c>kubectl label namespace default io.cilium/mtls-enabled-</c>
/// would.
/// </summary>
internal static class LabWorkloads
{
    public const string Namespace = "default";

    public static async Task PublishAsync(LabTopology topology, LabPaths paths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(paths);
        var layout = new FileStoreLayout(paths.Store);
        await SetEnrollmentAsync(paths, enrolled: true, cancellationToken).ConfigureAwait(false);

        foreach (var pod in topology.Pods)
        {
            var info = new PodInfo
            {
                Namespace = Namespace,
                Name = pod.Name,
                Uid = Uid(topology.Names.Lab, pod.Name),
                NodeName = topology.Nodes[pod.Node - 1].Name,
                Ips = [pod.IPv4],
                NetworkNamespacePath = $"/run/netns/{pod.Namespace}",
            };
            await AtomicFile.WriteAsync(layout.PodPath(Namespace, pod.Name), FileStoreJson.Encode(PodDocument.From(info)), AtomicFile.Shared, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the namespace document with the enrollment label <c>io.cilium/mtls-enabled=true</c>, or without it.</summary>
    public static Task SetEnrollmentAsync(LabPaths paths, bool enrolled, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var labels = enrolled
            ? ImmutableDictionary<string, string>.Empty.Add(WellKnown.ZtunnelEnrollmentLabel, "true")
            : ImmutableDictionary<string, string>.Empty;
        return AtomicFile.WriteAsync(
            new FileStoreLayout(paths.Store).NamespacePath(Namespace),
            FileStoreJson.Encode(NamespaceDocument.From(new NamespaceInfo(Namespace, labels))),
            AtomicFile.Shared,
            cancellationToken);
    }

    /// <summary>Whether the store's namespace document carries the enrollment label with value "true".</summary>
    public static bool IsEnrolled(LabPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var path = new FileStoreLayout(paths.Store).NamespacePath(Namespace);
        if (!File.Exists(path))
            return false;
        var document = FileStoreJson.Decode<NamespaceDocument>(File.ReadAllBytes(path)).Value;
        return document?.Labels is { } labels && labels.TryGetValue(WellKnown.ZtunnelEnrollmentLabel, out var value) && value == "true";
    }

    /// <summary>A stable UID per lab and pod (a name-based UUID), so re-publishing never looks like a new pod.</summary>
    private static string Uid(string lab, string pod)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{lab}/{Namespace}/{pod}"));
        hash[6] = (byte)((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3f) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString();
    }
}
