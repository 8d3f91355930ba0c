using Encryption.WireGuard.Keys;
using Encryption.WireGuard.Tests.Support;

namespace Encryption.WireGuard.Tests.Keys;

public class PrivateKeyTests
{
    [Fact]
    public void PublicKeyEqualsWhatWgPubkeyPrints()
    {
        Processes.Require("wg");
        for (var i = 0; i < 5; i++)
        {
            using var key = PrivateKey.Generate();
            var expected = Processes.RunWithInput(key.RevealBase64() + "\n", null, "wg", "pubkey").Trim();
            Assert.Equal(expected, key.PublicKey.ToBase64());
        }
    }

    [Fact]
    public void KeyFromWgGenkeyGivesTheSamePublicKeyAsWgPubkey()
    {
        Processes.Require("wg");
        var generated = Processes.Run("wg", "genkey").Trim();
        using var key = PrivateKey.FromBase64(generated);
        Assert.Equal(Processes.RunWithInput(generated + "\n", null, "wg", "pubkey").Trim(), key.PublicKey.ToBase64());
    }

    [Fact]
    public void SpecKeyPairMatchesInBase64AndHex()
    {
        using var key = PrivateKey.FromBase64("iAKWZzUtIw1asgxJLmxe4wOf6UfqE8D2Kr99HiAzG1Q=");
        Assert.Equal("FgQnPuXxNQ8theIHhwPMWM6BCVbSSlyvD5Mr7bTotDk=", key.PublicKey.ToBase64());
        Assert.Equal("88029667352d230d5ab20c492e6c5ee3039fe947ea13c0f62abf7d1e20331b54", Convert.ToHexStringLower(key.Secret));
    }

    [Fact]
    public void GeneratedKeysAreClampedAndDistinct()
    {
        using var a = PrivateKey.Generate();
        using var b = PrivateKey.Generate();
        foreach (var key in new[] { a, b })
        {
            Assert.Equal(0, key.Secret[0] & 7);
            Assert.Equal(0x40, key.Secret[31] & 0xC0);
        }

        Assert.False(a.SecretEquals(b));
        Assert.NotEqual(a.PublicKey, b.PublicKey);
    }

    [Fact]
    public void PrivateKeyNeverAppearsInItsTextForm()
    {
        using var key = PrivateKey.FromBase64("iAKWZzUtIw1asgxJLmxe4wOf6UfqE8D2Kr99HiAzG1Q=");
        var text = key.ToString();
        Assert.DoesNotContain("iAKWZzUtIw1asgxJLmxe4wOf6UfqE8D2Kr99HiAzG1Q=", text);
        Assert.DoesNotContain("88029667352d230d", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("hidden", text);
        var record = new Model.WireGuardDevice { Name = "wg0", PrivateKey = key };
        Assert.DoesNotContain("iAKWZzUt", record.ToString());
    }

    [Fact]
    public void PublicKeyTextFormsRoundTrip()
    {
        var key = PublicKey.FromBase64("11U/nI2VfaT9fKTvT7/RwuLEceCaQJ6fB39RLjvjD1g=");
        Assert.Equal("d7553f9c8d957da4fd7ca4ef4fbfd1c2e2c471e09a409e9f077f512e3be30f58", key.ToHex());
        Assert.Equal(key, PublicKey.FromHex(key.ToHex().ToUpperInvariant()));
        Assert.False(key.IsZero);
        Assert.True(PublicKey.Zero.IsZero);
        Assert.False(PublicKey.TryFromBase64("AAAA", out _));
        Assert.False(PublicKey.TryFromBase64("11U/nI2VfaT9fKTvT7/RwuLEceCaQJ6fB39RLjvjD1g", out _));
    }
}
