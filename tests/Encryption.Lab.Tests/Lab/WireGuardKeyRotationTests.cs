using Encryption.Lab.Tests.Support;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Encryption.Lab.Tests.Lab;

/// <summary><c>encrypt wireguard rotate-key</c> against real agents of a WireGuard lab (wireguard-go on the host kernel).</summary>
[Collection(LabCollection.Name)]
public sealed partial class WireGuardKeyRotationTests
{
    [Fact]
    public async Task RotateKeyFromTheCliReachesEveryPeerAndTrafficStaysEncrypted()
    {
        Root.Require();
        await using var lab = new TestLab();
        var up = await lab.RunAsync("up", "--nodes", "3", "--backend", "wireguard");
        Assert.True(up.ExitCode == 0, up.ToString());
        var before = await PeerKeysAsync(lab, "node1");
        Assert.Equal(2, before.Count);

        var rotate = await Cli.RunAsync("wireguard", "rotate-key", "--socket", Socket(lab, "node2"));

        Assert.True(rotate.ExitCode == 0, rotate.ToString());
        var old = OldKey().Match(rotate.Output).Groups[1].Value;
        var rotated = NewKey().Match(rotate.Output).Groups[1].Value;
        Assert.Equal(44, old.Length);
        Assert.Equal(44, rotated.Length);
        Assert.NotEqual(old, rotated);
        Assert.Contains(old, before);
        Assert.Contains("Published: yes", rotate.Output);
        Assert.Equal(rotated, await OwnKeyAsync(lab, "node2"));
        foreach (var node in new[] { "node1", "node3" })
        {
            // The peers learn the key from the shared store, on their own threads: wait for it, then check both sides.
            var peers = await UntilAsync(() => PeerKeysAsync(lab, node), keys => keys.Contains(rotated), $"{node} has node2's new key as a peer");
            Assert.DoesNotContain(old, peers);
            Assert.Equal(2, peers.Count);
        }

        using (var agent = new AgentHttp(Socket(lab, "node2")))
        {
            var metrics = await agent.GetAsync("metrics");
            Assert.Contains("# TYPE cilium_wireguard_key_rotations_total counter\ncilium_wireguard_key_rotations_total 1\n", metrics);
            Assert.Contains("# TYPE cilium_wireguard_peers gauge\ncilium_wireguard_peers 2\n", metrics);
            Assert.Matches(@"cilium_wireguard_transfer_bytes\{direction=""tx""\} \d+\n", metrics);
        }

        var verify = await lab.RunAsync("verify");
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Contains("plaintext seen: no", verify.Output);
        Assert.Contains("OK: pod traffic crossed the underlay only inside UDP 51871", verify.Output);

        var down = await lab.RunAsync("down");
        Assert.True(down.ExitCode == 0, down.ToString());
        lab.AssertNothingLeft();
    }

    private static string Socket(TestLab lab, string node) => Path.Combine(lab.StateDirectory, "nodes", node, "agent.sock");

    private static async Task<JsonObject> InterfaceAsync(TestLab lab, string node)
    {
        using var agent = new AgentHttp(Socket(lab, node));
        var status = JsonNode.Parse(await agent.GetAsync("v1/encrypt/status"))!;
        return status["json"]!["wireguard"]!["interfaces"]![0]!.AsObject();
    }

    private static async Task<string?> OwnKeyAsync(TestLab lab, string node) => (string?)(await InterfaceAsync(lab, node))["public-key"];

    private static async Task<List<string>> PeerKeysAsync(TestLab lab, string node) =>
        [.. (await InterfaceAsync(lab, node))["peers"]!.AsArray().Select(p => (string)p!["public-key"]!)];

    /// <summary>Polls until <paramref name="done"/> holds; the deadline only bounds a hang, it asserts nothing about speed.</summary>
    private static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var value = await read();
            if (done(value))
                return value;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"never saw: {what}");
            await Task.Delay(200);
        }
    }

    [GeneratedRegex(@"^Old public key: (\S+)$", RegexOptions.Multiline)]
    private static partial Regex OldKey();

    [GeneratedRegex(@"^New public key: (\S+)$", RegexOptions.Multiline)]
    private static partial Regex NewKey();
}
