using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Encryption.Ztunnel.Tests.Support;
using Encryption.Ztunnel.Xds;
using static Encryption.Ztunnel.Tests.Support.BackendHarness;

namespace Encryption.Ztunnel.Tests;

/// <summary>An independent client (python grpcio, stubs from our .proto) over TLS h2 against the running backend.</summary>
public sealed class GrpcPythonClientTests
{
    [Fact]
    public async Task CertificateServiceSignsTheEnrolledIdentityAndRefusesForeignAndForgedCsrs()
    {
        await using var harness = await StartAsync();
        await harness.Backend.ApplyAsync(Snapshot([("shop", true)], Pod("shop", "cart", "node-1", "10.1.0.5")), CancellationToken.None);
        using var stubs = new TempDirectory();
        await PythonClient.GenerateStubsAsync(stubs.Path);
        File.WriteAllText(stubs.File("good.csr"), Csrs.For("spiffe://cluster.local/ns/shop/sa/cart"));
        File.WriteAllText(stubs.File("foreign.csr"), Csrs.For("spiffe://cluster.local/ns/shop/sa/admin"));
        File.WriteAllText(stubs.File("bad.csr"), Csrs.WithBrokenSignature("spiffe://cluster.local/ns/shop/sa/cart"));

        await using var client = PythonClient.Start(stubs.Path, harness.Target, harness.RootCa, "ca", stubs.File("good.csr"), stubs.File("foreign.csr"), stubs.File("bad.csr"));
        var result = await client.ResultAsync();

        Assert.Equal("OK", (string?)result["good"]!["code"]);
        var chain = result["good"]!["chain"]!.AsArray().Select(c => (string)c!).ToList();
        Assert.Equal(2, chain.Count);
        using var leaf = X509Certificate2.CreateFromPem(chain[0]);
        Assert.Contains("spiffe://cluster.local/ns/shop/sa/cart", System.Text.Encoding.ASCII.GetString(leaf.Extensions["2.5.29.17"]!.RawData), StringComparison.Ordinal);
        Assert.Equal("PERMISSION_DENIED", (string?)result["foreign"]!["code"]);
        Assert.Contains("no workload with this identity is enrolled on this node", (string?)result["foreign"]!["details"], StringComparison.Ordinal);
        Assert.Equal("INVALID_ARGUMENT", (string?)result["bad_signature"]!["code"]);
        Assert.Contains("signature", (string?)result["bad_signature"]!["details"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeltaAdsStreamAnswersAcksNacksPushesAndRemovesWhatAReconnectingClientStillHolds()
    {
        await using var harness = await StartAsync();
        var cart = Pod("shop", "cart", "node-1", "10.1.0.5");
        var web = Pod("shop", "web", "node-2", "10.2.0.7");
        var api = Pod("shop", "api", "node-2", "10.2.0.8");
        var other = Pod("plain", "db", "node-2", "10.2.0.9");
        await harness.Backend.ApplyAsync(Snapshot([("shop", true), ("plain", false)], cart, web, other), CancellationToken.None);
        using var stubs = new TempDirectory();
        await PythonClient.GenerateStubsAsync(stubs.Path);

        await using var client = PythonClient.Start(stubs.Path, harness.Target, harness.RootCa, "ads", "192.168.100.1");
        await client.ExpectAsync("push1");
        await harness.Backend.ApplyAsync(Snapshot([("shop", true), ("plain", false)], cart, api, other), CancellationToken.None);
        await client.GoAsync();
        await client.ExpectAsync("push2");
        await Eventually(async () => (await harness.Backend.GetStatusAsync(CancellationToken.None)).Text.Contains("1 NACKs", StringComparison.Ordinal));
        await harness.Backend.ApplyAsync(Snapshot([("shop", true), ("plain", false)], cart with { Ips = [System.Net.IPAddress.Parse("10.1.0.6")] }, api, other), CancellationToken.None);
        await client.GoAsync();
        await client.ExpectAsync("reconnect");
        await harness.Backend.ApplyAsync(Snapshot([("shop", true), ("plain", false)], cart with { Ips = [System.Net.IPAddress.Parse("10.1.0.6")] }, other), CancellationToken.None);
        await client.GoAsync();
        var result = await client.ResultAsync();

        var initial = result["initial"]!;
        Assert.Equal(XdsTypeUrls.Address, (string?)initial["type"]);
        Assert.Equal(["uid-cart", "uid-web"], Keys(initial["workloads"]));
        var cartWorkload = initial["workloads"]!["uid-cart"]!;
        Assert.Equal("192.168.100.1", (string?)cartWorkload["node"]);
        Assert.Equal("0a010005", (string?)cartWorkload["addresses"]![0]);
        Assert.Equal(1, (int)cartWorkload["tunnel_protocol"]!);
        Assert.Equal("cart", (string?)cartWorkload["service_account"]);
        Assert.Equal(XdsTypeUrls.Address, (string?)cartWorkload["any_type"]);
        Assert.Equal("192.168.100.2", (string?)initial["workloads"]!["uid-web"]!["node"]);
        Assert.Equal(XdsTypeUrls.Authorization, (string?)result["authorization"]!["type"]);
        Assert.Empty(Keys(result["authorization"]!["workloads"]));
        Assert.Equal(["uid-api"], Keys(result["push1"]!["workloads"]));
        Assert.Equal(["uid-web"], Strings(result["push1"]!["removed"]));
        Assert.Equal(["uid-cart"], Keys(result["push2"]!["workloads"]));
        Assert.Equal("OK", (string?)result["first_stream_status"]);
        Assert.Equal(["stale-uid", "uid-api"], Strings(result["reconnect"]!["removed"]));
        Assert.Empty(Keys(result["reconnect"]!["workloads"]));
        Assert.Equal(["old-policy"], Strings(result["reconnect_authorization"]!["removed"]));
        Assert.Equal(["uid-cart"], Keys(result["held"]));
        var nonces = new[] { "initial", "authorization", "push1", "push2", "reconnect" }.Select(k => (string?)result[k]!["nonce"]).ToList();
        Assert.Equal(nonces.Count, nonces.Distinct().Count());
    }

    private static List<string> Keys(JsonNode? node) => [.. node!.AsObject().Select(kv => kv.Key).Order(StringComparer.Ordinal)];

    private static List<string> Strings(JsonNode? node) => [.. node!.AsArray().Select(n => (string)n!)];

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await condition())
                return;
            await Task.Delay(50);
        }

        Assert.True(await condition());
    }
}
