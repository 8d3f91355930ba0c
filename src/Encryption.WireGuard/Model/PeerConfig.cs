using Encryption.WireGuard.Keys;
using System.Net;

namespace Encryption.WireGuard.Model;

/// <summary>
/// A change to one peer; unset fields are left alone. The reconciler only ever adds allowed IPs
/// (<see cref="AllowedIPs"/>, which moves a prefix from whichever peer had it) or removes them one by one
/// (<see cref="RemoveAllowedIPs"/>, Linux 6.16+ / wireguard-go 0.0.20250522+), never <see cref="ReplaceAllowedIPs"/>.
/// </summary>
public sealed record PeerConfig
{
    public required PublicKey PublicKey { get; init; }

    /// <summary>Remove the peer (<c>WGPEER_F_REMOVE_ME</c>, UAPI <c>remove=true</c>).</summary>
    public bool Remove { get; init; }

    /// <summary>Only touch the peer if it exists (<c>WGPEER_F_UPDATE_ONLY</c>, UAPI <c>update_only=true</c>).</summary>
    public bool UpdateOnly { get; init; }

    public IPEndPoint? Endpoint { get; init; }

    /// <summary>Whole seconds on the wire; zero turns keepalive off.</summary>
    public TimeSpan? PersistentKeepalive { get; init; }

    /// <summary>
    /// Clear the peer's prefixes before adding <see cref="AllowedIPs"/> (<c>WGPEER_F_REPLACE_ALLOWEDIPS</c>, UAPI
    /// <c>replace_allowed_ips=true</c>): what <c>wg setconf</c> sends. Never on a live peer: the list is empty for a moment
    /// and packets in that window are dropped ("No peer has allowed IPs matching", cilium/cilium#33159).
    /// </summary>
    public bool ReplaceAllowedIPs { get; init; }

    public IReadOnlyList<IPNetwork> AllowedIPs { get; init; } = [];

    /// <summary>Prefixes to remove from this peer (<c>WGALLOWEDIP_F_REMOVE_ME</c>, UAPI <c>allowed_ip=-CIDR</c>).</summary>
    public IReadOnlyList<IPNetwork> RemoveAllowedIPs { get; init; } = [];
}
