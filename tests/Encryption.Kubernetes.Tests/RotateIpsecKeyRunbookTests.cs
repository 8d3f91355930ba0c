using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Encryption.Core.Tests.Support;
using Encryption.Kubernetes.Tests.ApiServer;
using Encryption.Kubernetes.Tests.Support;

namespace Encryption.Kubernetes.Tests;

/// <summary>
/// scripts/rotate-ipsec-key.sh run as an operator runs it: the real kubectl (Debian's kubernetes-client, or any kubectl
/// on PATH) against the API-server double, through a kubeconfig.
/// </summary>
public sealed partial class RotateIpsecKeyRunbookTests : IAsyncDisposable
{
    private const string GcmKey3 = "3+ rfc4106(gcm(aes)) 0123456789abcdef0123456789abcdef01234567 128";
    private readonly TempDirectory _home = new();
    private ApiServerDouble? _server;

    [Fact]
    public async Task TheRunbookMovesTheSecretToTheNextKeyIdWithTheSameAlgorithmAndSizeAndFreshBytes()
    {
        var server = await ServerWithSecretAsync(GcmKey3 + "\n");

        var (exitCode, output) = await RunAsync();

        Assert.True(exitCode == 0, output);
        var keys = SecretKeys(server);
        var match = GcmLine().Match(keys);
        Assert.True(match.Success, $"rotated line has the wrong shape: {keys.Length} characters");
        Assert.Equal("4+", match.Groups["id"].Value);
        Assert.NotEqual("0123456789abcdef0123456789abcdef01234567", match.Groups["key"].Value);
        Assert.Null(server.Store.Get(ApiResource.Secrets, "kube-system", "cilium-ipsec-keys")!["stringData"]);
        Assert.Contains("key 3 -> 4 (rfc4106(gcm(aes)) ICV 128, same key sizes)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("0123456789abcdef", output, StringComparison.Ordinal);
        Assert.DoesNotContain(match.Groups["key"].Value, output, StringComparison.Ordinal);
        Assert.Contains(server.Requests, r => r.Verb == "patch" && r.ContentType == "application/strategic-merge-patch+json");
    }

    [Theory]
    [InlineData("15 rfc4106(gcm(aes)) 0123456789abcdef0123456789abcdef01234567 128", @"^1\+ rfc4106\(gcm\(aes\)\) [0-9a-f]{40} 128$")]
    [InlineData("7+ hmac(sha256) 0123456789abcdef0123456789abcdef cbc(aes) 0123456789abcdef0123456789abcdef",
        @"^8\+ hmac\(sha256\) [0-9a-f]{32} cbc\(aes\) [0-9a-f]{32}$")]
    public async Task KeyIdsRollOverAfter15AndTheTwoAlgorithmFormKeepsBothKeySizes(string current, string expected)
    {
        var server = await ServerWithSecretAsync(current);

        var (exitCode, output) = await RunAsync();

        Assert.True(exitCode == 0, output);
        Assert.Matches(expected, SecretKeys(server));
    }

    [Fact]
    public async Task ADryRunChangesNothing()
    {
        var server = await ServerWithSecretAsync(GcmKey3);
        var version = server.Store.ResourceVersion;

        var (exitCode, output) = await RunAsync("--dry-run");

        Assert.True(exitCode == 0, output);
        Assert.Contains("dry run: Secret not changed", output, StringComparison.Ordinal);
        Assert.Equal(version, server.Store.ResourceVersion);
        Assert.Equal(GcmKey3, SecretKeys(server));
    }

    [Theory]
    [InlineData("16+ rfc4106(gcm(aes)) 0123456789abcdef0123456789abcdef01234567 128", "invalid key ID (field 1)")]
    [InlineData("3+ rfc4106(gcm(aes)) 0123456789abcdef0123456789abcdef01234567", "has 3 fields, expected 4 or 5")]
    public async Task AKeyInForceThatIsMalformedIsRefusedAndTheSecretIsLeftAlone(string current, string message)
    {
        var server = await ServerWithSecretAsync(current);
        var version = server.Store.ResourceVersion;

        var (exitCode, output) = await RunAsync();

        Assert.Equal(1, exitCode);
        Assert.Contains(message, output, StringComparison.Ordinal);
        Assert.Equal(version, server.Store.ResourceVersion);
        Assert.DoesNotContain("0123456789abcdef", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingSecretIsNamedWithHowToCreateOne()
    {
        _server = await ApiServerDouble.StartAsync();

        var (exitCode, output) = await RunAsync();

        Assert.Equal(1, exitCode);
        Assert.Contains("cannot read secret kube-system/cilium-ipsec-keys", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitReturnsOnceEveryNodeAdvertisesTheNewKeyId()
    {
        var server = await ServerWithSecretAsync(GcmKey3);
        server.Put(ApiResource.CiliumNodes, Objects.CiliumNode("node-a", "192.168.100.1", keyId: 3));
        server.Put(ApiResource.CiliumNodes, Objects.CiliumNode("node-b", "192.168.100.2", keyId: 3));

        var run = RunAsync("--wait");
        await Eventually.True(() => SecretKeys(server).StartsWith("4+", StringComparison.Ordinal), "the Secret to be patched");
        Assert.False(run.IsCompleted, "--wait returned while the nodes still advertise key 3");
        // The agents load the key and advertise it on their CiliumNodes (spec.encryption.key).
        server.Put(ApiResource.CiliumNodes, Objects.CiliumNode("node-a", "192.168.100.1", keyId: 4));
        server.Put(ApiResource.CiliumNodes, Objects.CiliumNode("node-b", "192.168.100.2", keyId: 4));
        var (exitCode, output) = await run;

        Assert.True(exitCode == 0, output);
        Assert.Contains("all nodes advertise key 4", output, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
        _home.Dispose();
    }

    private async Task<ApiServerDouble> ServerWithSecretAsync(string keys)
    {
        _server = await ApiServerDouble.StartAsync();
        _server.Put(ApiResource.Secrets, Objects.Secret("kube-system", "cilium-ipsec-keys", new() { ["keys"] = keys }));
        return _server;
    }

    private static string SecretKeys(ApiServerDouble server)
    {
        var secret = server.Store.Get(ApiResource.Secrets, "kube-system", "cilium-ipsec-keys")!;
        return Encoding.UTF8.GetString(Convert.FromBase64String(secret["data"]!["keys"]!.GetValue<string>())).Trim();
    }

    private async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var kubectl = Environment.GetEnvironmentVariable("PATH")!.Split(':').Select(d => Path.Join(d, "kubectl")).FirstOrDefault(File.Exists);
        Assert.True(kubectl is not null, "kubectl is not on PATH: .ci/run installs Debian's kubernetes-client");
        var kubeconfig = _home.Write("kubeconfig", $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: double
              cluster:
                server: {_server!.BaseAddress.ToString().TrimEnd('/')}
            contexts:
            - name: double
              context: {"{"}cluster: double, user: operator{"}"}
            current-context: double
            users:
            - name: operator
              user: {"{"}{"}"}
            """);
        var start = new ProcessStartInfo("bash", [Path.Join(Repository.Root(), "scripts", "rotate-ipsec-key.sh"), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["KUBECONFIG"] = kubeconfig;
        start.Environment["HOME"] = _home.Path;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex(@"^(?<id>\d+\+?) rfc4106\(gcm\(aes\)\) (?<key>[0-9a-f]{40}) 128$")]
    private static partial Regex GcmLine();
}
