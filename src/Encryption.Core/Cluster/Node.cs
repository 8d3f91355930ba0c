using System.Collections.Immutable;
using System.Net;

namespace Encryption.Core.Cluster;

/// <summary>
/// One node as the agents see it (the role of a CiliumNode object): addresses, pod CIDRs, the boot ID
/// that salts per-tunnel IPsec keys, and what it advertises (IPsec key ID, WireGuard public key).
/// </summary>
public sealed record Node
{
    public required string Name { get; init; }

    public IPAddress? IPv4 { get; init; }

    public IPAddress? IPv6 { get; init; }

    public ImmutableArray<IPNetwork> PodCidrs { get; init; } = [];

    /// <summary>IPs of the pods running on this node (WireGuard allowed IPs in native routing).</summary>
    public ImmutableArray<IPAddress> PodIps { get; init; } = [];

    /// <summary>The kernel boot ID (/proc/sys/kernel/random/boot_id): changes on every reboot.</summary>
    public string? BootId { get; init; }

    /// <summary>Cluster-wide node ID (1..65535) used in Cilium-style XFRM marks; 0 when not assigned.</summary>
    public ushort NodeId { get; init; }

    /// <summary>The IPsec key ID (SPI, 1..15) this node currently encrypts with, or 0 if none.</summary>
    public byte IPsecKeyId { get; init; }

    public ImmutableDictionary<string, string> Labels { get; init; } = ImmutableDictionary<string, string>.Empty;

    public ImmutableDictionary<string, string> Annotations { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>The base64 WireGuard public key from annotation <see cref="WellKnown.WireGuardPublicKeyAnnotation"/>.</summary>
    public string? WireGuardPublicKey => Annotations.GetValueOrDefault(WellKnown.WireGuardPublicKeyAnnotation);

    /// <summary>Value equality: collections are compared by content (a record would compare them by reference).</summary>
    public bool Equals(Node? other) =>
        other is not null
        && Name == other.Name
        && Equals(IPv4, other.IPv4)
        && Equals(IPv6, other.IPv6)
        && ValueEquality.Same(PodCidrs, other.PodCidrs)
        && ValueEquality.Same(PodIps, other.PodIps)
        && BootId == other.BootId
        && NodeId == other.NodeId
        && IPsecKeyId == other.IPsecKeyId
        && ValueEquality.Same(Labels, other.Labels)
        && ValueEquality.Same(Annotations, other.Annotations);

    public override int GetHashCode() => HashCode.Combine(Name, IPv4, IPv6, BootId, NodeId, IPsecKeyId);

    /// <summary>The node's addresses, IPv4 first.</summary>
    public IEnumerable<IPAddress> Addresses
    {
        get
        {
            if (IPv4 is not null)
                yield return IPv4;
            if (IPv6 is not null)
                yield return IPv6;
        }
    }
}
