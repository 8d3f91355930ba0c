using System.Net;
using System.Net.Sockets;

namespace Encryption.Core.Configuration;

/// <summary><c>encryption.strictMode.*</c>.</summary>
public sealed record StrictModeOptions
{
    public StrictEgressOptions Egress { get; init; } = new();

    public StrictIngressOptions Ingress { get; init; } = new();
}

/// <summary>
/// <c>encryption.strictMode.egress.*</c>: drop plaintext traffic whose source and destination are both inside
/// <see cref="Cidr"/> when it leaves the node (operations.md §2.1).
/// </summary>
public sealed record StrictEgressOptions
{
    public bool Enabled { get; init; }

    /// <summary>An IPv4 prefix; null when not set.</summary>
    public IPNetwork? Cidr { get; init; }

    public bool AllowRemoteNodeIdentities { get; init; }

    /// <summary>
    /// Cilium refuses a node IPv4 inside the strict CIDR unless remote node identities are allowed, because the node
    /// would drop its own traffic. Returns that error, or null when <paramref name="nodeIPv4"/> is acceptable.
    /// </summary>
    public string? CheckNodeAddress(IPAddress? nodeIPv4)
    {
        if (!Enabled || Cidr is not { } cidr || AllowRemoteNodeIdentities || nodeIPv4 is null || nodeIPv4.AddressFamily != AddressFamily.InterNetwork)
            return null;
        return cidr.Contains(nodeIPv4)
            ? $"strict egress is enabled but the node's IPv4 address {nodeIPv4} is within the strict CIDR {cidr}: the node would drop all " +
              "its traffic. Either disable strict egress or set encryption.strictMode.egress.allowRemoteNodeIdentities=true"
            : null;
    }
}

/// <summary><c>encryption.strictMode.ingress.*</c> (WireGuard only).</summary>
public sealed record StrictIngressOptions
{
    public bool Enabled { get; init; }
}
