using System.Text.Json.Nodes;
using Encryption.Core.Cluster;
using Encryption.Kubernetes.Models;

namespace Encryption.Kubernetes.Cluster;

/// <summary>
/// What the agent writes on its own CiliumNode: its annotations (the WireGuard public key, removed with a <c>null</c>
/// when the node no longer advertises one), the node ID annotation <see cref="CiliumNodeMapper.NodeIdAnnotation"/>
/// when the agent has one, <c>spec.encryption.key</c>, and optionally <c>spec.bootid</c>. Addresses, pod CIDRs and
/// labels are Cilium's and never patched. Pure.
/// </summary>
public static class LocalNodePatch
{
    /// <summary>
    /// The parts of <paramref name="local"/> a patch writes; the rest is left empty (the fields a node advertisement
    /// leaves empty belong to the object's owner).
    /// </summary>
    public static Node Publishable(Node local, bool publishBootId)
    {
        ArgumentNullException.ThrowIfNull(local);
        return new Node
        {
            Name = local.Name,
            BootId = publishBootId ? local.BootId : null,
            NodeId = local.NodeId,
            IPsecKeyId = local.IPsecKeyId,
            Annotations = local.Annotations,
        };
    }

    /// <summary>
    /// The merge patch that makes <paramref name="current"/> advertise what <paramref name="local"/> does, or
    /// null when it already does (no write: a resync or a rotation must not become an API-server storm, Cilium #42721).
    /// Only what differs is in the patch. With <paramref name="current"/> unknown the full patch is returned.
    /// </summary>
    public static JsonObject? Build(Node local, CiliumNode? current, bool publishBootId)
    {
        ArgumentNullException.ThrowIfNull(local);
        var currentAnnotations = current?.Metadata.Annotations;
        var annotations = new JsonObject();
        foreach (var (key, value) in Annotations(local))
        {
            if (current is null || currentAnnotations?.GetValueOrDefault(key) != value)
                annotations[key] = value;
        }

        var spec = new JsonObject();
        if (current is null || (current.Spec.Encryption?.Key ?? 0) != local.IPsecKeyId)
            spec["encryption"] = new JsonObject { ["key"] = (int)local.IPsecKeyId };
        var bootId = publishBootId ? local.BootId : null;
        if (bootId is not null && (current is null || !string.Equals(current.Spec.BootId, bootId, StringComparison.OrdinalIgnoreCase)))
            spec["bootid"] = bootId;

        if (annotations.Count == 0 && spec.Count == 0)
            return null;
        var patch = new JsonObject();
        if (annotations.Count > 0)
            patch["metadata"] = new JsonObject { ["annotations"] = annotations };
        if (spec.Count > 0)
            patch["spec"] = spec;
        return patch;
    }

    /// <summary>A CiliumNode for a cluster where nobody else creates one (see <see cref="KubernetesSourceOptions.CreateLocalNodeIfMissing"/>).</summary>
    public static CiliumNode NewCiliumNode(Node local, bool publishBootId)
    {
        ArgumentNullException.ThrowIfNull(local);
        var addresses = local.Addresses
            .Select(ip => new NodeAddress { Type = NodeAddressTypes.InternalIP, Ip = ip.ToString() })
            .ToList();
        var annotations = Annotations(local)
            .Where(a => a.Value is not null)
            .ToDictionary(a => a.Key, a => a.Value!, StringComparer.Ordinal);
        return new CiliumNode
        {
            Metadata = new ObjectMeta { Name = local.Name, Annotations = annotations.Count == 0 ? null : annotations },
            Spec = new CiliumNodeSpec
            {
                Addresses = addresses,
                Ipam = local.PodCidrs.IsDefaultOrEmpty ? null : new IpamSpec { PodCidrs = local.PodCidrs.Select(c => c.ToString()).ToList() },
                Encryption = new EncryptionSpec { Key = local.IPsecKeyId },
                BootId = publishBootId ? local.BootId : null,
            },
        };
    }

    /// <summary>
    /// The annotations the node advertises, a null value meaning "remove": its own annotations, the WireGuard key
    /// (null when it has none) and the node ID (only when it has one: 0 leaves whatever the object says).
    /// </summary>
    private static IEnumerable<KeyValuePair<string, string?>> Annotations(Node local)
    {
        foreach (var (key, value) in local.Annotations.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            if (key != CiliumNodeMapper.NodeIdAnnotation)
                yield return new(key, value);
        }

        if (local.WireGuardPublicKey is null)
            yield return new(WellKnown.WireGuardPublicKeyAnnotation, null);
        if (local.NodeId != 0)
            yield return new(CiliumNodeMapper.NodeIdAnnotation, CiliumNodeMapper.FormatNodeId(local.NodeId));
    }
}
