using Encryption.IPsec.Keys;

namespace Encryption.IPsec.Tests.Keys;

public class KeyFileParserTests
{
    private const string GcmKey = "0f1e2d3c4b5a69788796a5b4c3d2e1f000112233";

    [Fact]
    public void AeadLineFromCiliumCliIsParsed()
    {
        var key = KeyFileParser.ParseCurrent($"3+ rfc4106(gcm(aes)) {GcmKey} 128\n");

        Assert.Equal(3, key.Spi);
        var aead = Assert.IsType<IPsecAlgorithm.Aead>(key.Algorithm);
        Assert.Equal("rfc4106(gcm(aes))", aead.Name);
        Assert.Equal(GcmKey, aead.Key.RevealHex());
        Assert.Equal(128, aead.IcvBits);
        Assert.Equal(16, key.CiliumKeyLength);
    }

    [Fact]
    public void SplitLineIsParsedWithCiliumsHexCharacterKeyLength()
    {
        var key = KeyFileParser.ParseCurrent("3+ hmac(sha256) 0123456789abcdef0123456789abcdef cbc(aes) fedcba9876543210fedcba9876543210");

        var split = Assert.IsType<IPsecAlgorithm.AuthEnc>(key.Algorithm);
        Assert.Equal("hmac(sha256)", split.AuthName);
        Assert.Equal("cbc(aes)", split.EncName);
        Assert.Equal(16, split.EncKey.Length);
        Assert.Equal(32, key.CiliumKeyLength);
    }

    [Fact]
    public void NullAlgorithmsWithEmptyKeysAreAccepted()
    {
        var key = KeyFileParser.ParseCurrent("3 digest_null \"\" cipher_null \"\"");
        Assert.Equal(0, key.CiliumKeyLength);
    }

    [Fact]
    public void HexPrefixAndCrLfLineEndsAreAccepted()
    {
        var key = KeyFileParser.ParseCurrent($"7 rfc4106(gcm(aes)) 0x{GcmKey} 96\r\n");
        Assert.Equal(7, key.Spi);
        Assert.Equal(96, ((IPsecAlgorithm.Aead)key.Algorithm).IcvBits);
    }

    [Fact]
    public void LastLineIsTheKeyInForce()
    {
        var keys = KeyFileParser.Parse($"1 rfc4106(gcm(aes)) {GcmKey} 128\n2 rfc4106(gcm(aes)) {GcmKey} 128\n");
        Assert.Equal([1, 2], keys.Select(k => (int)k.Spi));
    }

    [Theory]
    [InlineData("3 rfc4106(gcm(aes))", "line 1: missing IPSec key or invalid format")]
    [InlineData("3 rfc4106(gcm(aes)) 0f1e2d3c4b5a69788796a5b4c3d2e1f000112233", "line 1: missing IPSec key or invalid format")]
    [InlineData(" ", "line 1: missing IPSec key or invalid format")]
    [InlineData("x rfc4106(gcm(aes)) 0f1e2d3c4b5a69788796a5b4c3d2e1f000112233 128", "line 1, field 1 (spi): failed to parse SPI: the first argument of the IPsec secret is not a number. Attempted \"x\"")]
    [InlineData("+ rfc4106(gcm(aes)) 0f1e2d3c4b5a69788796a5b4c3d2e1f000112233 128", "line 1, field 1 (spi): failed to parse SPI: the first argument of the IPsec secret is not a number")]
    [InlineData(" 3 rfc4106(gcm(aes)) 0f1e2d3c4b5a69788796a5b4c3d2e1f000112233", "line 1, field 1 (spi): failed to parse SPI: the first argument of the IPsec secret is not a number")]
    [InlineData("16 rfc4106(gcm(aes)) 0f1e2d3c4b5a69788796a5b4c3d2e1f000112233 128", "line 1, field 1 (spi): failed to parse SPI: encryption key space exhausted. ID must be nonzero and less than 16. Attempted \"16\"")]
    [InlineData("0 rfc4106(gcm(aes)) 0f1e2d3c4b5a69788796a5b4c3d2e1f000112233 128", "line 1, field 1 (spi): failed to parse SPI: zero is not a valid key ID")]
    [InlineData("3 a b c d e", "line 1: invalid format: too many fields in the IPsec secret (6, at most 5)")]
    [InlineData("3 gcm(aes) 0f1e2d3c4b5a69788796a5b4c3d2e1f000112233 128", "line 1, field 2 (aead-algo): invalid AEAD algorithm \"gcm(aes)\"")]
    [InlineData("3 rfc9999(foo) 0f1e2d3c4b5a69788796a5b4c3d2e1f000112233 128", "line 1, field 2 (aead-algo): AEAD algorithm \"rfc9999(foo)\" is not known to the kernel")]
    [InlineData("3 rfc4106(gcm(aes)) 0f1e2d3c4b5a69788796a5b4c3d2e1f0001122zz 128", "line 1, field 3 (aead-key): unable to decode AEAD key: it contains characters that are not hex digits")]
    [InlineData("3 rfc4106(gcm(aes)) 0f1e2d3c4b5a69788796a5b4c3d2e1f00011223 128", "line 1, field 3 (aead-key): unable to decode AEAD key: odd number of hex digits (39)")]
    [InlineData("3 rfc4106(gcm(aes)) 0f1e2d3c4b5a69788796a5b4c3d2e1f000112233 abc", "line 1, field 4 (icv): ICV length is invalid or missing")]
    [InlineData("3 rfc4106(gcm(aes)) 0f1e2d3c4b5a69788796a5b4c3d2e1f000112233 64", "line 1, field 4 (icv): only ICV lengths 96, 128, and 256 are accepted, got 64")]
    [InlineData("3 rfc4106(gcm(aes)) 0f1e2d3c4b5a69788796a5b4c3d2e1f000112233 256", "line 1, field 4 (icv): the kernel's rfc4106(gcm(aes)) supports ICV lengths 64, 96, 128 bits, not 256")]
    [InlineData("3 rfc4106(gcm(aes)) 0f1e2d3c4b5a69788796a5b4c3d2e1f0 128", "line 1, field 3 (aead-key): rfc4106(gcm(aes)) needs a key of 20 or 28 or 36 bytes (cipher key + salt), got 16")]
    [InlineData("3 hmac(sha256) 0123zz cbc(aes) fedcba9876543210fedcba9876543210", "line 1, field 3 (auth-key): unable to decode authentication key")]
    [InlineData("3 hmac(sha256) 0123456789abcdef cbc(aes) fedcba98765432zz", "line 1, field 5 (enc-key): unable to decode encryption key")]
    [InlineData("3 hmac(sha256) 0123456789abcdef cbc(aes) fedcba9876543210", "line 1, field 5 (enc-key): cbc(aes) needs a key of 16 or 24 or 32 bytes, got 8")]
    [InlineData("3 hmac(whirlpool) 0123456789abcdef cbc(aes) fedcba9876543210fedcba9876543210", "line 1, field 2 (auth-algo): authentication algorithm \"hmac(whirlpool)\" is not known to the kernel")]
    [InlineData("3 hmac(sha256) 0123456789abcdef ecb(aes) fedcba9876543210fedcba9876543210", "line 1, field 4 (enc-algo): encryption algorithm \"ecb(aes)\" is not known to the kernel")]
    [InlineData("", "line 1: missing IPSec key or invalid format: the file holds no key")]
    public void MalformedLineIsRefusedWithLineFieldAndReason(string text, string expected)
    {
        var error = Assert.Throws<KeyFileException>(() => KeyFileParser.Parse(text));
        Assert.Contains(error.Errors, e => e.ToString().StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void KeyLongerThanSixtyFourBytesIsRefused()
    {
        var longKey = new string('a', 2 * 68);
        var error = Assert.Throws<KeyFileException>(() => KeyFileParser.Parse($"3 hmac(sha256) {longKey} cbc(aes) fedcba9876543210fedcba9876543210"));
        Assert.Contains("longer than 64", error.Message);
    }

    [Fact]
    public void TwoLinesWithTheSameSpiAreRefused()
    {
        var error = Assert.Throws<KeyFileException>(() => KeyFileParser.Parse($"3 rfc4106(gcm(aes)) {GcmKey} 128\n3 rfc4106(gcm(aes)) {GcmKey} 128"));
        Assert.Equal("line 2, field 1 (spi): invalid SPI: changing IPSec keys requires incrementing the key id", error.Errors.Single().ToString());
    }

    [Fact]
    public void LinesWithDifferentKeyLengthsAreRefused()
    {
        var error = Assert.Throws<KeyFileException>(() => KeyFileParser.Parse($"3 rfc4106(gcm(aes)) {GcmKey} 128\n4 rfc4106(gcm(aes)) {GcmKey} 96"));
        Assert.Equal("line 2: invalid key rotation: key length must not change", error.Errors.Single().ToString());
    }

    [Fact]
    public void EveryErrorInTheFileIsReportedAtOnce()
    {
        var error = Assert.Throws<KeyFileException>(() => KeyFileParser.Parse("0 gcm(aes) zz 1\n3 rfc4106(gcm(aes))\n"));
        Assert.True(error.Errors.Count >= 4, string.Join("\n", error.Errors));
        Assert.Contains(error.Errors, e => e.Line == 2);
    }

    [Fact]
    public void ErrorsNeverContainKeyMaterial()
    {
        const string secret = "0f1e2d3c4b5a69788796a5b4c3d2e1f0001122";
        var error = Assert.Throws<KeyFileException>(() => KeyFileParser.Parse($"3 rfc4106(gcm(aes)) {secret}zz 128"));
        Assert.DoesNotContain(secret, error.Message);
        Assert.DoesNotContain("0f1e2d", error.ToString());
    }

    [Fact]
    public void KeyToStringIsRedacted()
    {
        var key = KeyFileParser.ParseCurrent($"3+ rfc4106(gcm(aes)) {GcmKey} 128");
        Assert.Equal("key 3: rfc4106(gcm(aes)) 160-bit key, ICV 128", key.ToString());
        Assert.DoesNotContain("0f1e", key.Algorithm.ToString());
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(14, 15)]
    [InlineData(15, 1)]
    public void NextSpiWrapsFifteenToOne(byte current, byte next) => Assert.Equal(next, IPsecKey.NextSpi(current));
}
