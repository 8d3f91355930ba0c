using Encryption.WireGuard.Keys;
using Encryption.WireGuard.Tests.Support;
using System.Security.Cryptography;

namespace Encryption.WireGuard.Tests.Keys;

public class X25519Tests
{
    [Theory]
    [InlineData( // RFC 7748 §5.2, first vector
        "a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4",
        "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c",
        "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552")]
    [InlineData( // RFC 7748 §5.2, second vector
        "4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d",
        "e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493",
        "95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957")]
    public void ScalarMultiplicationMatchesRfc7748Vectors(string scalar, string u, string expected)
    {
        var output = new byte[32];
        X25519.SharedSecret(Hex.Bytes(scalar), Hex.Bytes(u), output);
        Assert.Equal(expected, Convert.ToHexStringLower(output));
    }

    [Fact]
    public void DiffieHellmanMatchesRfc7748Section61()
    {
        var alice = Hex.Bytes("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
        var bob = Hex.Bytes("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
        var alicePublic = new byte[32];
        var bobPublic = new byte[32];
        X25519.DerivePublicKey(alice, alicePublic);
        X25519.DerivePublicKey(bob, bobPublic);
        var sharedByAlice = new byte[32];
        var sharedByBob = new byte[32];
        X25519.SharedSecret(alice, bobPublic, sharedByAlice);
        X25519.SharedSecret(bob, alicePublic, sharedByBob);

        Assert.Equal("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a", Convert.ToHexStringLower(alicePublic));
        Assert.Equal("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f", Convert.ToHexStringLower(bobPublic));
        Assert.Equal("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742", Convert.ToHexStringLower(sharedByAlice));
        Assert.Equal(sharedByAlice, sharedByBob);
    }

    [Fact]
    public void ClampedAndUnclampedPrivateKeysShareThePublicKey()
    {
        var alice = Hex.Bytes("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
        var clamped = alice.ToArray();
        X25519.Clamp(clamped);

        Assert.Equal("70076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c6a", Convert.ToHexStringLower(clamped));
        using var a = PrivateKey.FromBytes(alice);
        using var b = PrivateKey.FromBytes(clamped);
        Assert.Equal(a.PublicKey, b.PublicKey);
        Assert.Equal("hSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066SpjqqbTmo=", a.PublicKey.ToBase64());
    }

    [Fact]
    public void DiffieHellmanWithTheAllZeroKeyIsRefused()
    {
        using var key = PrivateKey.Generate();
        var output = new byte[32];
        Assert.Throws<CryptographicException>(() => X25519.SharedSecret(key.Secret, PublicKey.Zero.ToArray(), output));
    }
}
