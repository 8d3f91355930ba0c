using Encryption.IPsec.Keys;

namespace Encryption.IPsec.Tests.Keys;

public class KeyFileWriterTests
{
    [Theory]
    [InlineData("rfc4106-gcm-aes", @"^1\+ rfc4106\(gcm\(aes\)\) [0-9a-f]{40} 128$")]
    [InlineData("cbc-aes-sha256", @"^1\+ hmac\(sha256\) [0-9a-f]{32} cbc\(aes\) [0-9a-f]{32}$")]
    [InlineData("cbc-aes-sha512", @"^1\+ hmac\(sha512\) [0-9a-f]{64} cbc\(aes\) [0-9a-f]{32}$")]
    public void CreatedLinesMatchCiliumCliAndParse(string algorithm, string pattern)
    {
        var line = KeyFileWriter.Create(KeyFileWriter.ParseTemplate(algorithm));
        Assert.Matches(pattern, line);
        Assert.Equal(1, KeyFileParser.ParseCurrent(line).Spi);
    }

    [Fact]
    public void TwoCreatedKeysDiffer() =>
        Assert.NotEqual(KeyFileWriter.Create(KeyTemplate.Rfc4106GcmAes), KeyFileWriter.Create(KeyTemplate.Rfc4106GcmAes));

    [Fact]
    public void RotationKeepsAlgorithmAndSizesWithTheNextKeyId()
    {
        var rotated = KeyFileWriter.Rotate("3+ hmac(sha512) " + new string('a', 64) + " cbc(aes) " + new string('b', 32));
        Assert.Matches(@"^4\+ hmac\(sha512\) [0-9a-f]{64} cbc\(aes\) [0-9a-f]{32}$", rotated);
    }

    [Fact]
    public void RotationRollsFifteenOverToOne() =>
        Assert.StartsWith("1+ rfc4106(gcm(aes)) ", KeyFileWriter.Rotate("15+ rfc4106(gcm(aes)) 0f1e2d3c4b5a69788796a5b4c3d2e1f000112233 128"));

    [Fact]
    public void RotationOfAMalformedFileFailsNamingTheProblem()
    {
        var error = Assert.Throws<KeyFileException>(() => KeyFileWriter.Rotate("3+ rfc4106(gcm(aes)) zz 128"));
        Assert.Contains("unable to decode AEAD key", error.Message);
    }

    [Fact]
    public void UnknownAlgorithmNameIsRefused() =>
        Assert.Throws<ArgumentException>(() => KeyFileWriter.ParseTemplate("aes-ecb"));
}
