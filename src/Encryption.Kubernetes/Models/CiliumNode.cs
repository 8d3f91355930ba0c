using System.Text.Json;
using System.Text.Json.Serialization;

namespace Encryption.Kubernetes.Models;

/// <summary>
/// A <c>cilium.io/v2</c> CiliumNode, reduced to what encryption needs (Cilium's
/// pkg/k8s/apis/cilium.io/v2/types.go). Fields this project does not model are kept by the API
/// server because writes are merge patches, never whole-object updates.
/// </summary>
public sealed record CiliumNode : IKubernetesObject
{
    public string ApiVersion { get; init; } = "cilium.io/v2";

    public string Kind { get; init; } = "CiliumNode";

    public ObjectMeta Metadata { get; init; } = new();

    public CiliumNodeSpec Spec { get; init; } = new();

    /// <summary>Kept as raw JSON: nothing here reads the node's IPAM/ENI status.</summary>
    public JsonElement? Status { get; init; }
}

public sealed record CiliumNodeSpec
{
    /// <summary><c>spec.addresses</c>: <c>[{"type":"InternalIP","ip":"10.0.0.1"}, ...]</c>.</summary>
    public IReadOnlyList<NodeAddress>? Addresses { get; init; }

    public IpamSpec? Ipam { get; init; }

    public EncryptionSpec? Encryption { get; init; }

    /// <summary><c>spec.bootid</c>: /proc/sys/kernel/random/boot_id; salts per-tunnel IPsec keys.</summary>
    [JsonPropertyName("bootid")]
    public string? BootId { get; init; }

    /// <summary><c>spec.nodeidentity</c>: the node's security identity.</summary>
    [JsonPropertyName("nodeidentity")]
    public ulong? NodeIdentity { get; init; }

    public HealthAddressing? Health { get; init; }
}

/// <summary>One entry of <c>spec.addresses</c>.</summary>
public sealed record NodeAddress
{
    /// <summary><see cref="NodeAddressTypes"/>: InternalIP, ExternalIP, CiliumInternalIP, ...</summary>
    public string? Type { get; init; }

    [JsonPropertyName("ip")]
    public string? Ip { get; init; }
}

public static class NodeAddressTypes
{
    public const string InternalIP = "InternalIP";
    public const string ExternalIP = "ExternalIP";
    public const string CiliumInternalIP = "CiliumInternalIP";
}

public sealed record IpamSpec
{
    [JsonPropertyName("podCIDRs")]
    public IReadOnlyList<string>? PodCidrs { get; init; }
}

public sealed record EncryptionSpec
{
    /// <summary>The IPsec key index (SPI 1..15) the node encrypts with; 255 for WireGuard; 0 = none.</summary>
    public int? Key { get; init; }
}

public sealed record HealthAddressing
{
    [JsonPropertyName("ipv4")]
    public string? IPv4 { get; init; }

    [JsonPropertyName("ipv6")]
    public string? IPv6 { get; init; }
}
