using Encryption.IPsec.Keys;
using Encryption.IPsec.Rotation;

namespace Encryption.IPsec.Tests.Rotation;

public class KeyRingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    internal static IPsecKey Gcm(byte spi, string hexKey = "0f1e2d3c4b5a69788796a5b4c3d2e1f000112233", int icv = 128) =>
        KeyFileParser.ParseCurrent($"{spi}+ rfc4106(gcm(aes)) {hexKey} {icv}");

    [Fact]
    public void FirstKeyBecomesCurrent()
    {
        var ring = KeyRing.Empty.Load(Gcm(3), T0);
        Assert.Equal(3, ring.Current!.Spi);
        Assert.Single(ring.Entries);
    }

    [Fact]
    public void LoadingTheSameKeyAgainChangesNothing()
    {
        var ring = KeyRing.Empty.Load(Gcm(3), T0);
        Assert.Same(ring, ring.Load(Gcm(3), T0.AddMinutes(1)));
    }

    [Fact]
    public void NewKeyIdSupersedesTheCurrentKey()
    {
        var ring = KeyRing.Empty.Load(Gcm(3), T0).Load(Gcm(4, "aa1e2d3c4b5a69788796a5b4c3d2e1f000112233"), T0.AddMinutes(1));

        Assert.Equal(4, ring.Current!.Spi);
        Assert.Equal(T0.AddMinutes(1), ring.Entries[0].SupersededAt);
        Assert.Null(ring.Entries[1].SupersededAt);
    }

    [Fact]
    public void SameKeyIdWithNewMaterialIsRefused()
    {
        var ring = KeyRing.Empty.Load(Gcm(3), T0);
        var error = Assert.Throws<KeyRotationRefusedException>(() => ring.Load(Gcm(3, "aa1e2d3c4b5a69788796a5b4c3d2e1f000112233"), T0));
        Assert.Contains("changing IPSec keys requires incrementing the key id", error.Message);
        Assert.DoesNotContain("aa1e2d", error.Message);
    }

    [Fact]
    public void KeyLengthChangeIsRefusedWithAClearMessage()
    {
        var ring = KeyRing.Empty.Load(Gcm(3), T0);
        var error = Assert.Throws<KeyRotationRefusedException>(() => ring.Load(Gcm(4, icv: 96), T0));
        Assert.Contains("key length must not change", error.Message);
        Assert.Contains("keeping key 3 in force", error.Message);
    }

    [Fact]
    public void RolloverFromFifteenToOneIsAnOrdinaryRotation()
    {
        var ring = KeyRing.Empty.Load(Gcm(15), T0).Load(Gcm(1, "aa1e2d3c4b5a69788796a5b4c3d2e1f000112233"), T0);
        Assert.Equal([15, 1], ring.Keys.Select(k => (int)k.Spi));
    }

    [Fact]
    public void PruneNeverRemovesTheCurrentKey()
    {
        var ring = KeyRing.Empty.Load(Gcm(3), T0).Load(Gcm(4, "aa1e2d3c4b5a69788796a5b4c3d2e1f000112233"), T0);
        var pruned = ring.Prune(_ => true);
        Assert.Equal(4, pruned.Entries.Single().Key.Spi);
    }
}
