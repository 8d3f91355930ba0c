using System.Net;
using Encryption.IPsec.Keys;

namespace Encryption.IPsec.Tests.Keys;

public class KeyDerivationTests
{
    private const string BootA = "5f616d5f-b237-aed6-4ac7-123456789abc";
    private const string BootB = "5f616d5f-aed6-4ac7-b237-987654321abc";

    // Vectors from specs/ipsec-and-xfrm.md §2.4 (Cilium's computeNodeIPsecKey).
    [Theory]
    [InlineData("44434241343332312423222114131211f4f3f2f1", "10.0.0.1", "10.0.0.2", "b35ff49a24fef81f1e829f461112b556fb89c95d", "459baa5975487e4bbff3f0e0f788f2769bf3ba09")]
    [InlineData("0123456789abcdef0123456789abcdef", "10.0.0.1", "10.0.0.2", "822360580a0751c4dea89955917f5f9e", "2ee3833974a0b5fb08f51a6c3fc547f3")]
    [InlineData("44434241343332312423222114131211f4f3f2f144434241343332312423222114131211", "10.0.0.1", "10.0.0.2",
        "0f75924d1aa59966a097da81c275cb9c0dba73fe1ab73c379d10cf2b7db83b1704835874",
        "14a4bca2e5f6d9e517bc11c238fdc9c07555d883f928d48b0414f69b061149e52434b38f")]
    [InlineData("44434241343332312423222114131211f4f3f2f1", "fd00::a", "fd00::b", "2bf565589eb6a56882836ce288c4d94df913044b", "e1315e473136f2bd0dafd0d15cfe5ba11df6b3aa")]
    public void DerivedKeysMatchCiliumVectorsInBothDirections(string global, string a, string b, string aToB, string bToA)
    {
        var key = new KeyMaterial(Convert.FromHexString(global));
        var ipA = IPAddress.Parse(a);
        var ipB = IPAddress.Parse(b);

        Assert.Equal(aToB, KeyDerivation.Derive(key, ipA, ipB, BootA, BootB).RevealHex());
        Assert.Equal(bToA, KeyDerivation.Derive(key, ipB, ipA, BootB, BootA).RevealHex());
    }

    [Theory]
    [InlineData("10.0.0.1", "10.0.1.1", "5ceb47a1b03dae618aa2b1fa45bd2ec718346d79")]
    [InlineData("10.0.1.1", "10.0.0.1", "d47f72e701545b6b498bb307da2116aaba9fb30d")]
    [InlineData("192.168.1.10", "192.168.1.11", "acbd0f0476dc9484e503cf1df4d4d7245e212c39")]
    [InlineData("192.168.1.11", "192.168.1.10", "4ea6b8a5b52cf5ee5ce7bfc3e5ba25245582ae5d")]
    public void ListingKeysOfTheSpecAreReproduced(string src, string dst, string expected)
    {
        var key = new KeyMaterial(Convert.FromHexString("44434241343332312423222114131211f4f3f2f1"));
        var srcBoot = src.EndsWith(".1", StringComparison.Ordinal) && src.StartsWith("10.0.0", StringComparison.Ordinal) || src == "192.168.1.10" ? BootA : BootB;
        var dstBoot = srcBoot == BootA ? BootB : BootA;

        Assert.Equal(expected, KeyDerivation.Derive(key, IPAddress.Parse(src), IPAddress.Parse(dst), srcBoot, dstBoot).RevealHex());
    }

    [Fact]
    public void IPv4MappedAddressesDeriveLikePlainIPv4()
    {
        var key = new KeyMaterial(Convert.FromHexString("0123456789abcdef0123456789abcdef"));
        Assert.Equal(
            KeyDerivation.Derive(key, IPAddress.Parse("10.0.0.1"), IPAddress.Parse("10.0.0.2"), BootA, BootB),
            KeyDerivation.Derive(key, IPAddress.Parse("::ffff:10.0.0.1"), IPAddress.Parse("::ffff:10.0.0.2"), BootA, BootB));
    }

    [Fact]
    public void ARebootedPeerGetsADifferentKey()
    {
        var key = new KeyMaterial(Convert.FromHexString("0123456789abcdef0123456789abcdef"));
        var before = KeyDerivation.Derive(key, IPAddress.Parse("10.0.0.1"), IPAddress.Parse("10.0.0.2"), BootA, BootB);
        var after = KeyDerivation.Derive(key, IPAddress.Parse("10.0.0.1"), IPAddress.Parse("10.0.0.2"), BootA, "11111111-2222-3333-4444-555555555555");
        Assert.NotEqual(before, after);
    }

    [Fact]
    public void ShortBootIdIsRefusedWithCiliumsMessage()
    {
        var key = new KeyMaterial(Convert.FromHexString("0123456789abcdef0123456789abcdef"));
        var error = Assert.Throws<ArgumentException>(() => KeyDerivation.Derive(key, IPAddress.Loopback, IPAddress.Loopback, "short", BootB));
        Assert.StartsWith("incorrect size for boot ID, should be at least 36 characters long", error.Message);
    }

    [Fact]
    public void SplitFormDerivesAuthAndEncryptionKeysSeparately()
    {
        var auth = new KeyMaterial(Convert.FromHexString("0123456789abcdef0123456789abcdef"));
        var enc = new KeyMaterial(Convert.FromHexString("44434241343332312423222114131211f4f3f2f1"[..32]));
        var algorithm = new IPsecAlgorithm.AuthEnc("hmac(sha256)", auth, "cbc(aes)", enc);

        var derived = (IPsecAlgorithm.AuthEnc)KeyDerivation.Derive(algorithm, IPAddress.Parse("10.0.0.1"), IPAddress.Parse("10.0.0.2"), BootA, BootB);

        Assert.Equal("822360580a0751c4dea89955917f5f9e", derived.AuthKey.RevealHex());
        Assert.Equal(KeyDerivation.Derive(enc, IPAddress.Parse("10.0.0.1"), IPAddress.Parse("10.0.0.2"), BootA, BootB), derived.EncKey);
    }
}
