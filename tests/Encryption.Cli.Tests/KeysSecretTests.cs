using System.Text;
using Encryption.Cli.Tests.Support;
using Encryption.Core.Tests.Support;
using Encryption.IPsec.Keys;
using Encryption.Kubernetes.Tests.ApiServer;
using Encryption.Kubernetes.Tests.Support;

namespace Encryption.Cli.Tests;

/// <summary><c>encrypt keys</c> against the Kubernetes tests' API-server double, through a kubeconfig.</summary>
public sealed class KeysSecretTests : IAsyncLifetime, IDisposable
{
    private const string GcmHex = "0123456789abcdef0123456789abcdef01234567";

    private readonly TempDirectory temp = new();
    private ApiServerDouble server = null!;
    private string kubeconfig = null!;

    public async Task InitializeAsync()
    {
        server = await ApiServerDouble.StartAsync();
        kubeconfig = temp.Write("kubeconfig", $$$"""
            apiVersion: v1
            kind: Config
            current-context: test
            clusters: [{name: double, cluster: {server: "{{{server.BaseAddress}}}"}}]
            contexts: [{name: test, context: {cluster: double}}]
            """);
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    public void Dispose() => temp.Dispose();

    private string StoredKeys(string name = "cilium-ipsec-keys") =>
        Encoding.UTF8.GetString(Convert.FromBase64String((string)server.Store.Get(ApiResource.Secrets, "kube-system", name)!["data"]!["keys"]!));

    [Theory]
    [InlineData("3+ rfc4106(gcm(aes)) " + GcmHex + " 128", 3, 4)]
    [InlineData("15+ rfc4106(gcm(aes)) " + GcmHex + " 128", 15, 1)]
    public async Task SecretRotationIsAMergePatchOfDataKeys(string current, int oldId, int newId)
    {
        server.Put(ApiResource.Secrets, Objects.Secret("kube-system", "cilium-ipsec-keys", new() { ["keys"] = current, ["other"] = "kept" }));

        var (exit, output) = await CliRunner.RunAsync("keys", "rotate", "--secret", "cilium-ipsec-keys", "--kubeconfig", kubeconfig);

        Assert.Equal(0, exit);
        Assert.Equal($"IPsec key rotated in Secret kube-system/cilium-ipsec-keys: key ID {oldId} -> {newId} (rfc4106(gcm(aes)))\n", output);
        var rotated = StoredKeys();
        Assert.Matches($@"^{newId}\+ rfc4106\(gcm\(aes\)\) [0-9a-f]{{40}} 128\n$", rotated);
        Assert.Equal(KeyFileParser.ParseCurrent(current).CiliumKeyLength, KeyFileParser.ParseCurrent(rotated).CiliumKeyLength);
        Assert.Equal("kept", Encoding.UTF8.GetString(Convert.FromBase64String((string)server.Store.Get(ApiResource.Secrets, "kube-system", "cilium-ipsec-keys")!["data"]!["other"]!)));
        var patch = Assert.Single(server.Requests, r => r.Method == "PATCH");
        Assert.Equal("application/merge-patch+json", patch.ContentType);
        Assert.DoesNotContain(rotated.Split(' ')[2], output);
    }

    [Fact]
    public async Task MalformedSecretIsRefusedAndLeftUntouched()
    {
        const string bad = "3+ rfc4106(gcm(aes)) " + GcmHex + " 100";
        server.Put(ApiResource.Secrets, Objects.Secret("kube-system", "cilium-ipsec-keys", new() { ["keys"] = bad }));

        var (exit, output) = await CliRunner.RunAsync("keys", "rotate", "--secret", "cilium-ipsec-keys", "--kubeconfig", kubeconfig);

        Assert.Equal(1, exit);
        Assert.Contains("line 1, field 4 (icv): only ICV lengths 96, 128, and 256 are accepted, got 100", output);
        Assert.DoesNotContain(GcmHex, output);
        Assert.Equal(bad, StoredKeys());
        Assert.DoesNotContain(server.Requests, r => r.Method == "PATCH");
    }

    [Fact]
    public async Task RotatingAMissingSecretSaysCreate()
    {
        var (exit, output) = await CliRunner.RunAsync("keys", "rotate", "--secret", "cilium-ipsec-keys", "--kubeconfig", kubeconfig);

        Assert.Equal(1, exit);
        Assert.Contains("Secret kube-system/cilium-ipsec-keys does not exist: create it with `encrypt keys create`", output);
    }

    [Fact]
    public async Task CreateMakesTheSecretOnceAndStatusReadsItWithoutKeyBytes()
    {
        string[] secret = ["--secret", "ipsec", "--namespace", "kube-system", "--kubeconfig", kubeconfig];

        var (exit, output) = await CliRunner.RunAsync(["keys", "create", "--algorithm", "cbc-aes-hmac-sha256", .. secret]);
        var (againExit, again) = await CliRunner.RunAsync(["keys", "create", .. secret]);
        var (statusExit, status) = await CliRunner.RunAsync(["keys", "status", "--socket", temp.Combine("no-agent.sock"), .. secret]);

        Assert.Equal((0, 1, 0), (exit, againExit, statusExit));
        Assert.Equal("IPsec key created in Secret kube-system/ipsec: key ID 1 (hmac(sha256) + cbc(aes))\n", output);
        Assert.Contains("Secret kube-system/ipsec already exists", again);
        var line = StoredKeys("ipsec");
        Assert.Matches(@"^1\+ hmac\(sha256\) [0-9a-f]{32} cbc\(aes\) [0-9a-f]{32}\n$", line);
        Assert.Contains("Key ID: 1 (in force)", status);
        Assert.DoesNotContain(line.Split(' ')[2], status);
        Assert.DoesNotContain(line.Split(' ')[4].TrimEnd(), status);
    }
}
