using System.Text.Json.Nodes;
using Encryption.Core.Cluster;
using Encryption.Kubernetes.Models;

namespace Encryption.Kubernetes.Cluster;

/// <summary>
/// What the agent writes on its own CiliumNode: the WireGuard public key annotation (removed with a
/// <c>null</c> when the node no longer advertises one), <c>spec.encryption.key</c>, and optionally
/// <c>spec.bootid</c>. Pure.
/// </summary>
public static class LocalNodePatch
{
    /// <summary>
    /// The merge patch that makes <paramref name="current"/> advertise what <paramref name="local"/> does, or
    /// null when it already does (no write: rotation must not become an API-server storm, Cilium #42721).
    /// With <paramref name="current"/> unknown the full patch is returned.
    /// </summary>
    public static JsonObject? Build(Node local, CiliumNode? current, bool publishBootId)
    {
        ArgumentNullException.ThrowIfNull(local);
        var publicKey = local.WireGuardPublicKey;
        var bootId = publishBootId ? local.BootId : null;
        if (current is not null
            && Annotation(current) == publicKey
            && (current.Spec.Encryption?.Key ?? 0) == local.IPsecKeyId
            && (bootId is null || current.Spec.BootId == bootId))
            return null;

        var spec = new JsonObject { ["encryption"] = new JsonObject { ["key"] = (int)local.IPsecKeyId } };
        if (bootId is not null)
            spec["bootid"] = bootId;
        return new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["annotations"] = new JsonObject { [WellKnown.WireGuardPublicKeyAnnotation] = publicKey },
            },
            ["spec"] = spec,
        };
    }

    /// <summary>A CiliumNode for a cluster where nobody else creates one (see <see cref="KubernetesSourceOptions.CreateLocalNodeIfMissing"/>).</summary>
    public static CiliumNode NewCiliumNode(Node local, bool publishBootId)
    {
        ArgumentNullException.ThrowIfNull(local);
        var addresses = local.Addresses
            .Select(ip => new NodeAddress { Type = NodeAddressTypes.InternalIP, Ip = ip.ToString() })
            .ToList();
        var annotations = local.WireGuardPublicKey is { } key
            ? new Dictionary<string, string> { [WellKnown.WireGuardPublicKeyAnnotation] = key }
            : null;
        return new CiliumNode
        {
            Metadata = new ObjectMeta { Name = local.Name, Annotations = annotations },
            Spec = new CiliumNodeSpec
            {
                Addresses = addresses,
                Ipam = local.PodCidrs.IsDefaultOrEmpty ? null : new IpamSpec { PodCidrs = local.PodCidrs.Select(c => c.ToString()).ToList() },
                Encryption = new EncryptionSpec { Key = local.IPsecKeyId },
                BootId = publishBootId ? local.BootId : null,
            },
        };
    }

    private static string? Annotation(CiliumNode node) =>
        node.Metadata.Annotations?.GetValueOrDefault(WellKnown.WireGuardPublicKeyAnnotation);
}
