using Encryption.Cli.Tests.Support;
using Encryption.Core.Tests.Support;
using Encryption.IPsec.Keys;

namespace Encryption.Cli.Tests;

public sealed class KeysCommandTests : IDisposable
{
    private const string GcmHex = "0123456789abcdef0123456789abcdef01234567";
    private const string AuthHex = "00112233445566778899aabbccddeeff";
    private const string EncHex = "ffeeddccbbaa99887766554433221100";

    // A previous GCM key with ICV 128 and an in-force split key with a 16-hex-character auth key share Cilium's "key length" (16).
    private const string ShortAuthHex = "a1b2c3d4e5f60718";
    private const string TwoKeys = $"3+ rfc4106(gcm(aes)) {GcmHex} 128\n4 hmac(sha256) {ShortAuthHex} cbc(aes) {EncHex}\n";

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData("rfc4106-gcm-aes", @"^3\+ rfc4106\(gcm\(aes\)\) [0-9a-f]{40} 128\n$")]
    [InlineData("cbc-aes-hmac-sha256", @"^3\+ hmac\(sha256\) [0-9a-f]{32} cbc\(aes\) [0-9a-f]{32}\n$")]
    [InlineData("cbc-aes-sha512", @"^3\+ hmac\(sha512\) [0-9a-f]{64} cbc\(aes\) [0-9a-f]{32}\n$")]
    public async Task CreateWritesA0600FileThatParsesBack(string algorithm, string pattern)
    {
        var path = temp.Combine("ipsec", "keys");

        var (exit, output) = await CliRunner.RunAsync("keys", "create", "--algorithm", algorithm, "--spi", "3", "--file", path);

        Assert.Equal(0, exit);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        var text = await File.ReadAllTextAsync(path);
        Assert.Matches(pattern, text);
        Assert.Equal(3, KeyFileParser.ParseCurrent(text).Spi);
        Assert.StartsWith($"IPsec key created in file {path}: key ID 3 (", output);
        Assert.DoesNotContain(text.Split(' ')[2], output);
    }

    [Fact]
    public async Task CreateWithoutAFilePrintsOnlyTheKeyLine()
    {
        var (exit, output) = await CliRunner.RunAsync("keys", "create");

        Assert.Equal(0, exit);
        Assert.Matches(@"^1\+ rfc4106\(gcm\(aes\)\) [0-9a-f]{40} 128\n$", output);
    }

    [Fact]
    public async Task CreateRefusesAnExistingFile()
    {
        var path = temp.Write("keys", $"3+ rfc4106(gcm(aes)) {GcmHex} 128\n");

        var (exit, output) = await CliRunner.RunAsync("keys", "create", "--file", path);

        Assert.Equal(1, exit);
        Assert.Contains("exists: rotate it with `encrypt keys rotate", output);
        Assert.Equal($"3+ rfc4106(gcm(aes)) {GcmHex} 128\n", await File.ReadAllTextAsync(path));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("16")]
    public async Task CreateRefusesKeyIdsOutsideOneToFifteen(string spi)
    {
        var (exit, output) = await CliRunner.RunAsync("keys", "create", "--spi", spi);

        Assert.NotEqual(0, exit);
        Assert.Contains("--spi must be 1..15", output);
    }

    [Theory]
    [InlineData("3+ rfc4106(gcm(aes)) " + GcmHex + " 128", 3, 4, @"^4\+ rfc4106\(gcm\(aes\)\) [0-9a-f]{40} 128\n$", "rfc4106(gcm(aes))")]
    [InlineData("15+ rfc4106(gcm(aes)) " + GcmHex + "0011223344556677 128", 15, 1, @"^1\+ rfc4106\(gcm\(aes\)\) [0-9a-f]{56} 128\n$", "rfc4106(gcm(aes))")]
    [InlineData("15 hmac(sha256) " + AuthHex + " cbc(aes) " + EncHex, 15, 1, @"^1\+ hmac\(sha256\) [0-9a-f]{32} cbc\(aes\) [0-9a-f]{32}\n$", "hmac(sha256) + cbc(aes)")]
    [InlineData("3+ hmac(sha512) " + AuthHex + AuthHex + " cbc(aes) " + EncHex + EncHex, 3, 4, @"^4\+ hmac\(sha512\) [0-9a-f]{64} cbc\(aes\) [0-9a-f]{64}\n$", "hmac(sha512) + cbc(aes)")]
    public async Task RotateTakesTheNextKeyIdAndKeepsAlgorithmAndLength(string current, int oldId, int newId, string pattern, string algorithm)
    {
        var path = temp.Write("keys", current + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var before = KeyFileParser.ParseCurrent(current);

        var (exit, output) = await CliRunner.RunAsync("keys", "rotate", "--file", path);

        Assert.Equal(0, exit);
        var text = await File.ReadAllTextAsync(path);
        Assert.Matches(pattern, text);
        var after = KeyFileParser.ParseCurrent(text);
        Assert.Equal(newId, after.Spi);
        Assert.Equal(before.CiliumKeyLength, after.CiliumKeyLength);
        Assert.Equal(before.Algorithm.Describe(), after.Algorithm.Describe());
        Assert.NotEqual(current.Split(' ')[2], text.Split(' ')[2]);
        Assert.Equal($"IPsec key rotated in file {path}: key ID {oldId} -> {newId} ({algorithm})\n", output);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Theory]
    [InlineData("3+ rfc4106(gcm(aes)) " + GcmHex + " 64", "line 1, field 4 (icv): only ICV lengths 96, 128, and 256 are accepted, got 64")]
    [InlineData("0+ rfc4106(gcm(aes)) " + GcmHex + " 128", "line 1, field 1 (spi): failed to parse SPI: zero is not a valid key ID")]
    [InlineData("3+ rfc4106(gcm(aes)) " + GcmHex, "line 1: missing IPSec key or invalid format")]
    [InlineData("3+ rfc4106(gcm(aes)) 0123456789abcdef0123456789abcdef0123456z 128", "line 1, field 3 (aead-key)")]
    public async Task RotateRefusesAMalformedFileWithTheParsersErrorAndLeavesItUntouched(string content, string error)
    {
        var path = temp.Write("keys", content + "\n");
        var before = File.GetLastWriteTimeUtc(path);

        var (exit, output) = await CliRunner.RunAsync("keys", "rotate", "--file", path);

        Assert.Equal(1, exit);
        Assert.Contains("the IPsec key is malformed, nothing was written:", output);
        Assert.Contains(error, output);
        Assert.DoesNotContain(GcmHex, output);
        Assert.Equal(content + "\n", await File.ReadAllTextAsync(path));
        Assert.Equal(before, File.GetLastWriteTimeUtc(path));
        Assert.Single(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public async Task RotateOfAMissingFileSaysCreate()
    {
        var (exit, output) = await CliRunner.RunAsync("keys", "rotate", "--file", temp.Combine("absent"));

        Assert.Equal(1, exit);
        Assert.Contains("does not exist: create it with `encrypt keys create`", output);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task StatusNeverShowsKeyBytesWithoutShowKeys(bool json)
    {
        var path = temp.Write("keys", TwoKeys);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        string[] args = ["keys", "status", "--file", path, "--socket", temp.Combine("no-agent.sock"), .. json ? new[] { "--json" } : []];

        var (exit, output) = await CliRunner.RunAsync(args);
        var (shownExit, shown) = await CliRunner.RunAsync([.. args, "--show-keys"]);

        Assert.Equal((0, 0), (exit, shownExit));
        foreach (var hex in new[] { GcmHex, ShortAuthHex, EncHex })
        {
            Assert.DoesNotContain(hex, output, StringComparison.OrdinalIgnoreCase);
            Assert.Contains(hex, shown, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain("expected 0600", output);
    }

    [Fact]
    public async Task StatusShowsIdAlgorithmLengthIcvAndTheFlag()
    {
        var path = temp.Write("keys", TwoKeys);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var (_, output) = await CliRunner.RunAsync("keys", "status", "--file", path, "--socket", temp.Combine("no-agent.sock"));

        Assert.Contains($"Source: file {path} (mode 0600)\n", output);
        Assert.Contains("Key ID: 3 (previous)\nAlgorithm: rfc4106(gcm(aes))\nKey length: 160 bits\nICV: 128 bits\nPer-tunnel flag (+): yes\n", output);
        Assert.Contains("Key ID: 4 (in force)\nAlgorithm: hmac(sha256) + cbc(aes)\nKey length: 64 + 128 bits\nICV: 128 bits\nPer-tunnel flag (+): no", output);
    }

    [Fact]
    public async Task StatusWarnsWhenTheFileIsNot0600()
    {
        var path = temp.Write("keys", $"3+ rfc4106(gcm(aes)) {GcmHex} 128\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var (exit, output) = await CliRunner.RunAsync("keys", "status", "--file", path, "--socket", temp.Combine("no-agent.sock"));
        var (_, json) = await CliRunner.RunAsync("keys", "status", "--file", path, "--json", "--socket", temp.Combine("no-agent.sock"));

        Assert.Equal(0, exit);
        Assert.Contains($"Warning: file {path} has mode 0644, expected 0600", output);
        Assert.Contains("expected 0600", json);
        Assert.Contains("\"mode\": \"0644\"", json);
    }

    [Fact]
    public async Task StatusOfAMalformedFileShowsTheParsersErrors()
    {
        var path = temp.Write("keys", $"3+ rfc4106(gcm(aes)) {GcmHex} 100\n");

        var (exit, output) = await CliRunner.RunAsync("keys", "status", "--file", path, "--socket", temp.Combine("no-agent.sock"));

        Assert.Equal(1, exit);
        Assert.Contains("line 1, field 4 (icv)", output);
        Assert.DoesNotContain(GcmHex, output);
    }
}
