using Encryption.IPsec.Rotation;

namespace Encryption.IPsec.Tests.Rotation;

public class RotationPolicyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly KeyRing Rotating = KeyRing.Empty.Load(KeyRingTests.Gcm(3), T0)
        .Load(KeyRingTests.Gcm(4, "aa1e2d3c4b5a69788796a5b4c3d2e1f000112233"), T0);

    [Theory]
    [InlineData(3, 3)] // peer has not moved yet: keep using the old key towards it
    [InlineData(4, 4)] // peer advertises the new key: switch
    [InlineData(5, 4)] // peer is ahead of us: our newest key (it still holds IN states for it)
    [InlineData(0, 4)] // peer advertises nothing yet
    public void OutKeyFollowsWhatThePeerAdvertises(byte advertised, byte expected) =>
        Assert.Equal(expected, RotationPolicy.OutKeyFor(Rotating, advertised)!.Spi);

    [Fact]
    public void OldKeyStaysWhilePeersStillUseItUntilTheRotationDuration()
    {
        var policy = RotationPolicy.Default;
        var old = Rotating.Entries[0];
        Assert.False(policy.CanRemove(old, T0.AddMinutes(4)));
        Assert.True(policy.CanRemove(old, T0.AddMinutes(5)));
    }

    [Fact]
    public void OldKeyGoesSoonAfterEveryPeerMoved()
    {
        var policy = RotationPolicy.Default;
        var ring = Rotating.MarkPeersMoved(_ => false, T0.AddSeconds(10));
        Assert.False(policy.CanRemove(ring.Entries[0], T0.AddSeconds(39)));
        Assert.True(policy.CanRemove(ring.Entries[0], T0.AddSeconds(40)));
        Assert.Equal(T0.AddSeconds(40), policy.NextDeadline(ring));
    }

    [Fact]
    public void CurrentKeyIsNeverRemovable() =>
        Assert.False(RotationPolicy.Default.CanRemove(Rotating.Entries[1], T0.AddDays(1)));

    [Fact]
    public void SettleTimeIsATenthOfTheDurationCappedAtThirtySeconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(6), RotationPolicy.For(TimeSpan.FromMinutes(1)).SettleTime);
        Assert.Equal(TimeSpan.FromSeconds(30), RotationPolicy.For(TimeSpan.FromMinutes(10)).SettleTime);
    }
}
