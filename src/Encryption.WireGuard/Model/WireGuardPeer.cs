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

    public bool Equals(WireGuardPeer? other) =>
        other is not null
        && PublicKey == other.PublicKey
        && HasPresharedKey == other.HasPresharedKey
        && Equals(Endpoint, other.Endpoint)
        && PersistentKeepalive == other.PersistentKeepalive
        && LastHandshake == other.LastHandshake
        && ReceiveBytes == other.ReceiveBytes
        && TransmitBytes == other.TransmitBytes
        && ProtocolVersion == other.ProtocolVersion
        && AllowedIPs.SequenceEqual(other.AllowedIPs);

    public override int GetHashCode() => HashCode.Combine(PublicKey, Endpoint, AllowedIPs.Length);

    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"PublicKey = {PublicKey}, Endpoint = {Endpoint}, AllowedIPs = [{string.Join(", ", AllowedIPs)}], ");
        builder.Append($"PersistentKeepalive = {PersistentKeepalive}, LastHandshake = {LastHandshake:O}, Rx = {ReceiveBytes}, Tx = {TransmitBytes}");
        return true;
    }
}
