using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Encryption.Core.Cluster;
using Encryption.Kubernetes.Models;

namespace Encryption.Kubernetes.Cluster;

/// <summary>CiliumNode → <see cref="Node"/> (Cilium's <c>ParseCiliumNode</c>, the parts encryption uses). Pure.</summary>
public static class CiliumNodeMapper
{
    /// <summary>The legacy spelling of <see cref="WellKnown.WireGuardPublicKeyAnnotation"/>, still read by Cilium.</summary>
    public const string WireGuardPublicKeyAliasAnnotation = "io.cilium.network.wg-pub-key";

    /// <summary>
    /// CiliumNode annotation carrying <see cref="Node.NodeId"/> in decimal (1..65535). CiliumNode has no field for
    /// it (Cilium allocates node IDs inside the agent), so the product keeps it here.
    /// </summary>
    public const string NodeIdAnnotation = "encryption.cilium.io/node-id";

    public static Node ToNode(CiliumNode ciliumNode, bool useCiliumInternalIP = false)
    {
        ArgumentNullException.ThrowIfNull(ciliumNode);
        var spec = ciliumNode.Spec;
        string[] preference = useCiliumInternalIP
            ? [NodeAddressTypes.CiliumInternalIP, NodeAddressTypes.InternalIP, NodeAddressTypes.ExternalIP]
            : [NodeAddressTypes.InternalIP, NodeAddressTypes.ExternalIP];

        return new Node
        {
            Name = ciliumNode.Metadata.Name ?? "",
            IPv4 = PickAddress(spec.Addresses, preference, AddressFamily.InterNetwork),
            IPv6 = PickAddress(spec.Addresses, preference, AddressFamily.InterNetworkV6),
            PodCidrs = ParseCidrs(spec.Ipam?.PodCidrs),
            BootId = string.IsNullOrEmpty(spec.BootId) ? null : spec.BootId,
            NodeId = TryParseNodeId(NodeIdText(ciliumNode), out var nodeId) ? nodeId : (ushort)0,
            IPsecKeyId = (byte)Math.Clamp(spec.Encryption?.Key ?? 0, 0, byte.MaxValue),
            Labels = ToImmutable(ciliumNode.Metadata.Labels),
            Annotations = NormalizeAnnotations(ciliumNode.Metadata.Annotations),
        };
    }

    /// <summary>The <see cref="NodeIdAnnotation"/> value as written, or null when the annotation is absent.</summary>
    public static string? NodeIdText(CiliumNode ciliumNode)
    {
        ArgumentNullException.ThrowIfNull(ciliumNode);
        return ciliumNode.Metadata.Annotations?.GetValueOrDefault(NodeIdAnnotation);
    }

    /// <summary>
    /// Parses a <see cref="NodeIdAnnotation"/> value: decimal digits only (no sign, spaces or hex), 1..65535. Anything
    /// else, 0 included (it means "unassigned"), is not a node ID.
    /// </summary>
    public static bool TryParseNodeId(string? text, out ushort nodeId)
    {
        nodeId = 0;
        if (string.IsNullOrEmpty(text)
            || !ushort.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            || parsed == 0)
            return false;
        nodeId = parsed;
        return true;
    }

    /// <summary>The annotation text for a node ID (<c>7</c>).</summary>
    public static string FormatNodeId(ushort nodeId) => nodeId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The first address of <paramref name="family"/>, by type preference, then by position.</summary>
    public static IPAddress? PickAddress(IReadOnlyList<NodeAddress>? addresses, IReadOnlyList<string> preference, AddressFamily family)
    {
        ArgumentNullException.ThrowIfNull(preference);
        if (addresses is null)
            return null;
        foreach (var type in preference)
        {
            foreach (var address in addresses)
            {
                if (address.Type == type && IPAddress.TryParse(address.Ip, out var ip) && ip.AddressFamily == family)
                    return ip;
            }
        }
        return null;
    }

    private static ImmutableArray<IPNetwork> ParseCidrs(IReadOnlyList<string>? cidrs)
    {
        if (cidrs is null)
            return [];
        var parsed = ImmutableArray.CreateBuilder<IPNetwork>(cidrs.Count);
        foreach (var cidr in cidrs)
        {
            if (IPNetwork.TryParse(cidr, out var network))
                parsed.Add(network);
        }
        return parsed.ToImmutable();
    }

    private static ImmutableDictionary<string, string> NormalizeAnnotations(IReadOnlyDictionary<string, string>? annotations)
    {
        var result = ToImmutable(annotations);
        if (!result.ContainsKey(WellKnown.WireGuardPublicKeyAnnotation)
            && result.TryGetValue(WireGuardPublicKeyAliasAnnotation, out var alias))
            result = result.SetItem(WellKnown.WireGuardPublicKeyAnnotation, alias);
        return result;
    }

    internal static ImmutableDictionary<string, string> ToImmutable(IReadOnlyDictionary<string, string>? source) =>
        source is null || source.Count == 0
            ? ImmutableDictionary<string, string>.Empty
            : source.ToImmutableDictionary(StringComparer.Ordinal);
}
