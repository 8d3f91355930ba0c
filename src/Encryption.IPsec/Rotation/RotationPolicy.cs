using Encryption.IPsec.Keys;

namespace Encryption.IPsec.Rotation;

/// <summary>
/// Which key to use towards a peer and when an old key may go. Pure: time and peer advertisements come in.
/// <list type="bullet">
/// <item>OUT to a peer uses the key the peer advertises when we hold it, else our newest key (a peer that
/// rotated first still holds its IN states for the key before).</item>
/// <item>A superseded key goes once every peer has advertised a newer one for <see cref="SettleTime"/> (so their
/// OUT states have switched), and at the latest <see cref="RotationDuration"/> after it was superseded.</item>
/// </list>
/// </summary>
public sealed record RotationPolicy(TimeSpan RotationDuration, TimeSpan SettleTime)
{
    public static RotationPolicy Default { get; } = new(TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(30));

    /// <summary>Settle time derived from the rotation duration: a tenth of it, at most 30 s.</summary>
    public static RotationPolicy For(TimeSpan rotationDuration) =>
        new(rotationDuration, TimeSpan.FromTicks(Math.Min(rotationDuration.Ticks / 10, TimeSpan.FromSeconds(30).Ticks)));

    public static IPsecKey? OutKeyFor(KeyRing ring, byte peerAdvertisedSpi)
    {
        ArgumentNullException.ThrowIfNull(ring);
        return (peerAdvertisedSpi == 0 ? null : ring.Find(peerAdvertisedSpi)) ?? ring.Current;
    }

    public bool CanRemove(KeyRingEntry entry, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.SupersededAt is not { } superseded)
            return false;
        if (now - superseded >= RotationDuration)
            return true;
        return entry.PeersMovedAt is { } moved && now - moved >= SettleTime;
    }

    /// <summary>The next instant at which <see cref="CanRemove"/> may turn true, for scheduling a timer.</summary>
    public DateTimeOffset? NextDeadline(KeyRing ring)
    {
        ArgumentNullException.ThrowIfNull(ring);
        var deadlines = ring.Entries
            .Where(e => e.SupersededAt is not null)
            .Select(e =>
            {
                var upper = e.SupersededAt!.Value + RotationDuration;
                return e.PeersMovedAt is { } moved && moved + SettleTime < upper ? moved + SettleTime : upper;
            })
            .ToList();
        return deadlines.Count == 0 ? null : deadlines.Min();
    }
}
