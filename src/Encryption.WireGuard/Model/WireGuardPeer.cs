using Encryption.WireGuard.Keys;
using System.Collections.Immutable;
using System.Net;

namespace Encryption.WireGuard.Model;

/// <summary>One peer of a device, as read back. The preshared key itself is never kept, only whether one is set.</summary>
public sealed record WireGuardPeer
{
    public required PublicKey PublicKey { get; init; }

    public bool HasPresharedKey { get; init; }

    public IPEndPoint? Endpoint { get; init; }

    /// <summary>Zero when off.</summary>
    public TimeSpan PersistentKeepalive { get; init; }

    /// <summary>Null when the peer never completed a handshake.</summary>
    public DateTimeOffset? LastHandshake { get; init; }

    public long ReceiveBytes { get; init; }

    public long TransmitBytes { get; init; }

    public ImmutableArray<IPNetwork> AllowedIPs { get; init; } = [];

    public int ProtocolVersion { get; init; }
}
