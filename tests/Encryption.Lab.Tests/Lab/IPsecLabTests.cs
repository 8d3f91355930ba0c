using Encryption.Cli.Interop;
using Encryption.Lab.Tests.Support;
using Encryption.WireGuard.Tests.Support;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xfrm.Stats;

namespace Encryption.Lab.Tests.Lab;

/// <summary>
/// The IPsec backend end to end in a 3-node lab: real agents, the real ESP datapath (user-mode-linux: the host kernel
/// has no ESP), the underlay captured. Each test has its own lab, taken down even when it fails, and checks that
/// nothing of it is left.
/// </summary>
[Trait("Tier", "Uml")]
[Collection(LabCollection.Name)]
public sealed partial class IPsecLabTests
{
    /// <summary>Bytes the stream must move after each step to count as still flowing.</summary>
    private const long Flowing = 256 * 1024;

    private const string InNoStates = "XfrmInNoStates";
    private const string InStateProtoError = "XfrmInStateProtoError";

    [Fact]
    public async Task PodTrafficAcrossNodesCrossesTheUnderlayOnlyAsEsp()
    {
        await using var lab = await IPsecLab.UpAsync();

        foreach (var node in IPsecLab.Nodes)
        {
            var status = await lab.StatusAsync(node);
            Assert.Equal(1, (int)status["advertised-key-id"]!);
            Assert.Equal([1], Ints(status["key-ids"]));
            // One IN and one OUT state per peer and address family.
            Assert.Equal(4, Count(status, "xfrm-states", "in"));
            Assert.Equal(4, Count(status, "xfrm-states", "out"));
            Assert.Empty(status["skipped-peers"]!.AsArray());
        }

        using (var capture = new UnderlayCapture(lab.Underlay, "br0", UnderlayPackets.IPv4, TimeSpan.FromMinutes(2)))
        {
            foreach (var (from, to) in new[] { (1, 2), (2, 3), (3, 1), (1, 3) })
                Assert.True(lab.Ping(from, to), $"the pod on node{from} cannot reach the pod on node{to}");
            await using (var stream = await PodStream.OpenAsync(lab.PodNamespace(2), lab.PodNamespace(1), IPsecLab.PodIp(1)))
            {
                stream.Start();
                await stream.WaitForProgressAsync(Flowing, "the stream started");
                var (sent, received) = await stream.FinishAsync();
                Assert.Equal(sent, received);
            }

            var packets = capture.Stop();
            Assert.Empty(UnderlayPackets.Plaintext(packets));
            Assert.True(UnderlayPackets.Esp(packets).Count > 100, $"too little ESP on the underlay:\n{string.Join('\n', packets.Take(20))}");
        }

        await lab.AssertVerifySeesOnlyEspAsync();
        foreach (var node in IPsecLab.Nodes)
        {
            var counters = lab.Counters(node);
            Assert.Equal(0UL, counters.Get(InNoStates));
            Assert.Equal(0UL, counters.Get(InStateProtoError));
        }

        await lab.DownAndAssertNothingLeftAsync();
    }

    [Fact]
    public async Task KeyRotationUnderARunningTcpStreamLosesNoByteAndDropsNothingInbound()
    {
        await using var lab = await IPsecLab.UpAsync("--ipsec-key-rotation-duration=20s");
        var before = lab.AllCounters();
        await using var stream = await PodStream.OpenAsync(lab.PodNamespace(1), lab.PodNamespace(3), IPsecLab.PodIp(3));
        stream.Start();
        await stream.WaitForProgressAsync(Flowing, "the stream started");

        var next = await lab.RotateKeyAsync();

        Assert.Equal(2, next);
        await lab.UntilEveryAgentAsync(s => (int)s["advertised-key-id"]! == next, $"advertises key {next}");
        await stream.WaitForProgressAsync(Flowing, $"every agent advertised key {next}");
        await lab.UntilEveryAgentAsync(s => Ints(s["key-ids"]).SequenceEqual([next]), $"holds key {next} only");
        await stream.WaitForProgressAsync(Flowing, "the old key was removed everywhere");
        var (sent, received) = await stream.FinishAsync();

        Assert.True(sent >= 3 * Flowing, $"only {sent} bytes streamed");
        Assert.Equal(sent, received);
        foreach (var node in IPsecLab.Nodes)
        {
            var delta = lab.Counters(node).Since(before[node]);
            Assert.True(delta.Get(InNoStates) == 0 && delta.Get(InStateProtoError) == 0, $"node{node} dropped inbound ESP during the rotation: {Describe(delta)}");
            Assert.DoesNotContain(lab.Xfrm(node, "state"), s => OldKeySpi().IsMatch(s));
        }

        await lab.AssertVerifySeesOnlyEspAsync();
        await lab.DownAndAssertNothingLeftAsync();
    }

    [Fact]
    public async Task ARemovedNodeLosesItsTunnelsOnEveryPeerAndGetsThemBackWhenReAdded()
    {
        await using var lab = await IPsecLab.UpAsync();
        Assert.True(lab.Ping(1, 3), "the pod on node1 cannot reach the pod on node3");
        var commandLine = lab.AgentCommandLine(3);

        await lab.StopAgentAsync(3, Signals.SIGTERM);
        File.Delete(lab.NodeDocument(3));

        await lab.UntilEveryAgentAsync(s => Count(s, "xfrm-states", "in") == 2 && Count(s, "xfrm-states", "out") == 2, "one tunnel left (node3 gone)", 1, 2);
        foreach (var node in new[] { 1, 2 })
        {
            Assert.DoesNotContain(lab.Xfrm(node, "state"), s => MentionsNode(s, 3));
            Assert.DoesNotContain(lab.Xfrm(node, "policy"), p => MentionsNode(p, 3) || p.Contains("10.3.0.0/24", StringComparison.Ordinal));
            Assert.Contains(lab.Xfrm(node, "state"), s => s.Contains(IPsecLab.NodeIp(3 - node), StringComparison.Ordinal));
        }

        Assert.True(lab.Ping(1, 2), "node1 and node2 lost each other when node3 left");

        await lab.StartAgentAsync(3, commandLine);

        Assert.True(File.Exists(lab.NodeDocument(3)), "the restarted agent did not publish its node again");
        await lab.UntilEveryAgentAsync(s => Count(s, "xfrm-states", "in") == 4 && Count(s, "xfrm-states", "out") == 4, "tunnels to both peers");
        foreach (var (from, to) in new[] { (1, 3), (3, 1), (2, 3) })
            await lab.UntilPingAsync(from, to);
        await lab.AssertVerifySeesOnlyEspAsync();
        await lab.DownAndAssertNothingLeftAsync();
    }

    [Fact]
    public async Task StrictEgressBlocksPodTrafficWhileAPeersXfrmObjectsAreMissingUntilTheResyncRepairsThem()
    {
        await using var lab = await IPsecLab.UpAsync(
            "--enable-encryption-strict-mode-egress=true", "--encryption-strict-egress-cidr=10.0.0.0/8", "--resync-interval=10s");
        Assert.True(lab.Ping(1, 2), "the pod on node1 cannot reach the pod on node2");
        Assert.Contains(lab.Xfrm(1, "policy"), p => p.Contains("src 10.0.0.0/8 dst 10.0.0.0/8", StringComparison.Ordinal) && p.Contains("action block", StringComparison.Ordinal));
        var before = lab.Counters(1);

        IReadOnlyList<string> packets;
        using (var capture = new UnderlayCapture(lab.Underlay, "br0", UnderlayPackets.IPv4, TimeSpan.FromMinutes(2)))
        {
            // Drift on node1: its OUT policy and OUT state towards node2 vanish, and the pod pings at once (in one
            // shell, before the agent's next resync; if a resync slipped in between, the ping passed: try again).
            var blocked = false;
            for (var attempt = 0; attempt < 5 && !blocked; attempt++)
            {
                var script = $"ip -n {lab.NodeNamespace(1)} xfrm policy deleteall dir out dst 10.2.0.0/24; "
                    + $"ip -n {lab.NodeNamespace(1)} xfrm state deleteall src {IPsecLab.NodeIp(1)} dst {IPsecLab.NodeIp(2)}; "
                    + $"ip netns exec {lab.PodNamespace(1)} ping -n -q -c 3 -i 0.2 -W 1 {IPsecLab.PodIp(2)}";
                blocked = IPsecLab.TryExec("sh", "-c", script).Code != 0;
            }

            Assert.True(blocked, "the ping passed every time: the drift was never observed");
            var blocks = lab.Counters(1).Since(before).Get("XfrmOutPolBlock");
            Assert.True(blocks > 0, $"XfrmOutPolBlock did not rise on node1: {Describe(lab.Counters(1).Since(before))}");

            await lab.UntilPingAsync(1, 2);
            packets = capture.Stop();
        }

        Assert.Empty(UnderlayPackets.Plaintext(packets));
        Assert.NotEmpty(UnderlayPackets.Esp(packets));
        Assert.Contains(lab.Xfrm(1, "policy"), p => p.Contains("dst 10.2.0.0/24", StringComparison.Ordinal) && p.Contains("dir out", StringComparison.Ordinal));
        await lab.AssertVerifySeesOnlyEspAsync();
        await lab.DownAndAssertNothingLeftAsync();
    }

    [Fact]
    public async Task AnAgentKilledMidRotationConvergesOnTheNewKeyAfterItsRestart()
    {
        // 60 s: the old key is kept long enough (settle time 6 s) to kill node2's agent while it holds both keys.
        await using var lab = await IPsecLab.UpAsync("--ipsec-key-rotation-duration=60s");
        var commandLine = lab.AgentCommandLine(2);

        var next = await lab.RotateKeyAsync();
        await lab.UntilEveryAgentAsync(s => Ints(s["key-ids"]).Contains(next), $"node2 loaded key {next}", 2);
        await lab.StopAgentAsync(2, Signals.SIGKILL);

        Assert.Equal(["1", "2"], SavedKeyIds(lab, 2));
        await lab.StartAgentAsync(2, commandLine);

        await lab.UntilEveryAgentAsync(s => (int)s["advertised-key-id"]! == next, $"advertises key {next}");
        await lab.UntilEveryAgentAsync(s => Ints(s["key-ids"]).SequenceEqual([next]), $"holds key {next} only");
        foreach (var node in IPsecLab.Nodes)
            Assert.DoesNotContain(lab.Xfrm(node, "state"), s => OldKeySpi().IsMatch(s));
        foreach (var (from, to) in new[] { (1, 2), (2, 1), (2, 3), (3, 2), (1, 3) })
            await lab.UntilPingAsync(from, to);
        await lab.AssertVerifySeesOnlyEspAsync();
        await lab.DownAndAssertNothingLeftAsync();
    }

    private static bool MentionsNode(string xfrmObject, int node) =>
        Regex.IsMatch(xfrmObject, $@"\b({Regex.Escape(IPsecLab.NodeIp(node))}|{Regex.Escape(IPsecLab.NodeIp6(node))})\b");

    /// <summary>SPIs are (source node ID &lt;&lt; 8) | key ID: a state of key 1 ends in 01.</summary>
    [GeneratedRegex(@"spi 0x[0-9a-f]{6}01 ")]
    private static partial Regex OldKeySpi();

    private static int[] Ints(JsonNode? array) => [.. array!.AsArray().Select(k => (int)k!)];

    private static int Count(JsonNode status, string kind, string direction) => (int)status[kind]![direction]!;

    /// <summary>The key IDs in the node's saved key ring (the lines hold key material: only their ID is read).</summary>
    private static string[] SavedKeyIds(IPsecLab lab, int node)
    {
        var ring = JsonNode.Parse(File.ReadAllText(Path.Combine(Path.GetDirectoryName(lab.Socket(node))!, "ipsec-keyring.json")))!;
        return [.. ring["keys"]!.AsArray().Select(k => ((string)k!["line"]!).Split('+')[0]).Order(StringComparer.Ordinal)];
    }

    private static string Describe(XfrmStatistics delta) =>
        string.Join(", ", delta.NonZero.Select(c => $"{c.Key} +{c.Value}")) is { Length: > 0 } text ? text : "no counter moved";
}
