using Encryption.WireGuard.Keys;
using Encryption.WireGuard.Tests.Support;
using Encryption.WireGuard.Status;
using Encryption.WireGuard.Uapi;
using System.Text.RegularExpressions;

namespace Encryption.WireGuard.Tests.Integration;

/// <summary>
/// Nodes and pods in network namespaces, each node with its own wireguard-go configured only through the backend:
/// pod-to-pod traffic, the underlay capture, changes under a running TCP stream, restarts, rotation, strict mode.
/// </summary>
[Trait("Tier", "Host")]
[Collection("host")]
public sealed partial class LabTests
{
    [Fact]
    public async Task PodsOnThreeNodesTalkOnlyThroughWireGuardOnTheUnderlay()
    {
        using var lab = new NetnsLab(3);
        await using var agents = new LabAgents(lab, 3);
        await agents.StartAsync(1, 2, 3);
        await agents.ApplyAllAsync();
        using var capture = new UnderlayCapture(lab.Underlay, "br0");

        AssertReachable(lab, (1, 2), (1, 3), (2, 3), (3, 1));
        await using (var stream = await TcpStream.OpenAsync(lab.PodNamespace(1), lab.PodNamespace(3), NetnsLab.PodIp(3)))
        {
            var (sent, received) = await stream.TransferAsync(4 * 1024 * 1024);
            Assert.Equal(sent, received);
        }

        var packets = capture.Stop();
        Assert.True(packets.Count > 50, $"only {packets.Count} packets captured");
        var plaintext = packets.Where(p => !UnderlayWireGuard().IsMatch(p)).ToList();
        Assert.True(plaintext.Count == 0, "non-WireGuard packets on the underlay:\n" + string.Join('\n', plaintext.Take(10)));

        var report = await agents.Backends[1].GetReportAsync(CancellationToken.None);
        var device = Assert.Single(report.Interfaces);
        Assert.Equal(2, device.PeerCount);
        Assert.All(device.Peers, p => Assert.NotNull(p.LastHandshake));
        Assert.True(report.Metrics.TransmitBytes > 4 * 1024 * 1024);
        Assert.Equal($"Encryption:\tWireguard\t[NodeEncryption: Disabled, cilium_wg0 (Pubkey: {agents.Backends[1].PublicKey}, Port: 51871, Peers: 2)]",
            StatusFormatter.StatusLine(report));
        Assert.Empty(report.Problems);
        var status = await agents.Backends[1].GetStatusAsync(CancellationToken.None);
        Assert.Equal(Encryption.Core.Backends.HealthState.Ok, status.Health);
        Assert.Equal("Wireguard", (string?)status.Json["mode"]);
        Assert.Equal(2, status.Json["wireguard"]!["interfaces"]![0]!["peers"]!.AsArray().Count);
        Assert.StartsWith("Encryption: Wireguard\nInterface: cilium_wg0\n", status.Text, StringComparison.Ordinal);

        var node1 = lab.NodeNamespace(1);
        var routes = NetnsLab.Exec(node1, "ip", "route", "show", "table", "201");
        Assert.Contains("10.2.0.0/24 dev cilium_wg0 proto 201 scope link", routes);
        Assert.Contains("10.3.0.0/24 dev cilium_wg0 proto 201 scope link", routes);
        Assert.Contains("1:\tnot from all fwmark 0x1e00 lookup 201", NetnsLab.Exec(node1, "ip", "rule"));
        Assert.Contains("1:\tnot from all fwmark 0x1e00 lookup 201", NetnsLab.Exec(node1, "ip", "-6", "rule"));
        var link = NetnsLab.Exec(node1, "ip", "link", "show", "cilium_wg0");
        Assert.Contains("mtu 1405", link);
        Assert.Contains(",UP", link);
        Assert.Equal("0", NetnsLab.Exec(node1, "cat", "/proc/sys/net/ipv4/conf/cilium_wg0/rp_filter").Trim());
    }

    [Fact]
    public async Task NodeEncryptionCoversNodeTrafficExceptWithTheOptedOutControlPlane()
    {
        using var lab = new NetnsLab(3);
        await using var agents = new LabAgents(lab, 3, (_, o) => o with { NodeEncryption = true });
        agents.Nodes[3] = agents.Nodes[3] with { Labels = agents.Nodes[3].Labels.Add("node-role.kubernetes.io/control-plane", "") };
        await agents.StartAsync(1, 2, 3);
        await agents.ApplyAllAsync();
        using var capture = new UnderlayCapture(lab.Underlay, "br0");

        Assert.True(NodePing(lab, 1, "192.168.100.2"), "node 1 cannot reach node 2 through WireGuard");
        Assert.True(NodePing(lab, 1, "192.168.100.3"), "node 1 cannot reach the control-plane node");
        AssertReachable(lab, (1, 3));

        var packets = capture.Stop();
        Assert.DoesNotContain(packets, p => p.Contains("IP 192.168.100.1 > 192.168.100.2: ICMP", StringComparison.Ordinal));
        Assert.Contains(packets, p => p.Contains("IP 192.168.100.1 > 192.168.100.3: ICMP echo request", StringComparison.Ordinal));
        Assert.DoesNotContain(packets, p => p.Contains("10.3.0.2", StringComparison.Ordinal));
        Assert.Equal(Encryption.WireGuard.Desired.NodeEncryptionState.Enabled, (await agents.Backends[1].GetReportAsync(CancellationToken.None)).NodeEncryption);
        Assert.Equal(Encryption.WireGuard.Desired.NodeEncryptionState.OptedOut, (await agents.Backends[3].GetReportAsync(CancellationToken.None)).NodeEncryption);
    }

    /// <summary>Bytes the stream must move after each change to count as still flowing.</summary>
    private const long Flowing = 256 * 1024;

    private static bool NodePing(NetnsLab lab, int from, string destination) =>
        Enumerable.Range(0, 5).Any(_ => NetnsLab.TryExec(lab.NodeNamespace(from), "ping", "-n", "-q", "-c", "2", "-i", "0.2", "-W", "2", destination).Code == 0);

    [Fact]
    public async Task PeersAndPrefixesChangeUnderARunningTcpStreamWithoutAReset()
    {
        using var lab = new NetnsLab(3);
        await using var agents = new LabAgents(lab, 3);
        await agents.StartAsync(1, 2);
        await agents.ApplyAllAsync();
        AssertReachable(lab, (1, 2));
        await using var stream = await TcpStream.OpenAsync(lab.PodNamespace(1), lab.PodNamespace(2), NetnsLab.PodIp(2));
        stream.StartStreaming();
        await stream.WaitForProgressAsync(Flowing);

        await agents.StartAsync(3);                                             // a node joins
        await agents.ApplyAllAsync();
        await stream.WaitForProgressAsync(Flowing);
        agents.Nodes[2] = NetnsLab.Node(2, "10.2.0.77", "10.2.0.78");           // pods appear on node 2
        await agents.ApplyAllAsync();
        await stream.WaitForProgressAsync(Flowing);
        agents.Nodes[2] = NetnsLab.Node(2, "10.2.0.78");                        // one goes: stale prefix removed (dummy peer)
        await agents.ApplyAllAsync();
        await stream.WaitForProgressAsync(Flowing);
        AssertReachable(lab, (3, 2), (1, 3));
        agents.Members.Remove(3);                                               // a node leaves
        await agents.ApplyAllAsync();
        await stream.WaitForProgressAsync(Flowing);                             // still flowing after the last change

        var (sent, received) = await stream.FinishAsync();
        Assert.True(sent >= 5 * Flowing, $"only {sent} bytes streamed");
        Assert.Equal(sent, received);
        var peers = (await agents.Backends[1].GetReportAsync(CancellationToken.None)).Interfaces[0].Peers;
        var node2 = Assert.Single(peers);
        Assert.Equal(["10.2.0.2/32", "10.2.0.78/32", "192.168.100.2/32", "fd00:100::2/128"], node2.AllowedIPs.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AgentRestartKeepsTheKeyAndThePeers()
    {
        using var lab = new NetnsLab(2);
        await using var agents = new LabAgents(lab, 2);
        await agents.StartAsync(1, 2);
        await agents.ApplyAllAsync();
        var key = agents.Backends[1].PublicKey;

        await agents.RestartAsync(1);                                           // agent restart, device stays

        Assert.Equal(key, agents.Backends[1].PublicKey);
        Assert.Equal(1, (await agents.Backends[1].GetReportAsync(CancellationToken.None)).Interfaces[0].PeerCount);
        AssertReachable(lab, (1, 2));
        await agents.ApplyAllAsync();
        Assert.Equal(0, (await agents.Backends[1].GetReportAsync(CancellationToken.None)).Metrics.DeviceOperations);

        await agents.Backends[1].RemoveAsync(CancellationToken.None);           // the device itself goes away too
        await agents.RestartAsync(1);
        await agents.ApplyAllAsync();

        Assert.Equal(key, agents.Backends[1].PublicKey);
        Assert.Equal(key, new UapiClient(agents.Options[1].UapiSocketDirectory).GetDevice("cilium_wg0").PublicKey);
        AssertReachable(lab, (1, 2), (2, 1));
    }

    [Fact]
    public async Task RotatedKeyReachesEveryPeer()
    {
        using var lab = new NetnsLab(3);
        await using var agents = new LabAgents(lab, 3);
        await agents.StartAsync(1, 2, 3);
        await agents.ApplyAllAsync();
        AssertReachable(lab, (1, 2), (3, 2));
        var old = agents.Backends[2].PublicKey;

        var rotated = await agents.Backends[2].RotateKeyAsync(CancellationToken.None);
        await agents.ApplyAllAsync();

        Assert.NotEqual(old, rotated);
        Assert.Equal(rotated.ToBase64(), agents.Backends[2].DecorateLocalNode(NetnsLab.Node(2)).WireGuardPublicKey);
        Assert.Equal(rotated, PrivateKey.FromBytes(File.ReadAllBytes(Path.Combine(agents.Options[2].StateDirectory, PrivateKeyFile.FileName))).PublicKey);
        foreach (var n in new[] { 1, 3 })
        {
            var peers = (await agents.Backends[n].GetReportAsync(CancellationToken.None)).Interfaces[0].Peers.Select(p => p.PublicKey).ToList();
            Assert.Contains(rotated, peers);
            Assert.DoesNotContain(old, peers);
        }

        AssertReachable(lab, (1, 2), (3, 2), (2, 1));
        Assert.Equal(1, (await agents.Backends[2].GetReportAsync(CancellationToken.None)).Metrics.KeyRotations);

        Assert.Contains($"5008 WireGuard key rotated: new public key {rotated}", agents.Logger.Text);
        foreach (var n in new[] { 1, 2, 3 })
        {
            var secret = File.ReadAllBytes(Path.Combine(agents.Options[n].StateDirectory, PrivateKeyFile.FileName));
            Assert.DoesNotContain(Convert.ToBase64String(secret), agents.Logger.Text);
            Assert.DoesNotContain(Convert.ToHexStringLower(secret), agents.Logger.Text);
        }
    }

    [Fact]
    public async Task StrictModeDropsPodTrafficThatBypassesTheDeviceUntilTheRouteIsRepaired()
    {
        using var lab = new NetnsLab(2);
        await using var agents = new LabAgents(lab, 2, (_, o) => o with
        {
            StrictEgress = new StrictEgressOptions { Enabled = true, Cidrs = [System.Net.IPNetwork.Parse("10.0.0.0/8")] },
        });
        await agents.StartAsync(1, 2);
        await agents.ApplyAllAsync();
        AssertReachable(lab, (1, 2));

        // Drift: our route disappears, so node 1 would send pod traffic in plaintext over its main-table route.
        NetnsLab.Exec(lab.NodeNamespace(1), "ip", "route", "del", "10.2.0.0/24", "table", "201");
        Assert.False(lab.Ping(1, NetnsLab.PodIp(2), count: 1));
        var table = NetnsLab.Exec(lab.NodeNamespace(1), "nft", "list", "table", "inet", "cilium_wg_strict");
        Assert.Matches(@"counter packets [1-9]\d* bytes \d+ drop", table);

        await agents.ApplyAllAsync();                                           // the periodic resync repairs the route
        AssertReachable(lab, (1, 2));

        var applied = NetnsLab.Exec(lab.NodeNamespace(1), "nft", "list", "tables");
        Assert.Single(applied.Split('\n'), l => l.Contains("cilium_wg_strict", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StrictIngressDropsPlaintextFromARemotePodUntilThePeersRouteIsRepaired()
    {
        using var lab = new NetnsLab(2);
        await using var agents = new LabAgents(lab, 2, (n, o) => n == 1 ? o with { StrictIngress = true } : o);
        await agents.StartAsync(1, 2);
        await agents.ApplyAllAsync();
        AssertReachable(lab, (2, 1));

        // Drift on node 2 (no strict egress there): its route through the device disappears, so its pod's packets to
        // node 1's pod go out in plaintext over the main-table route; node 1 must not deliver them.
        NetnsLab.Exec(lab.NodeNamespace(2), "ip", "route", "del", "10.1.0.0/24", "table", "201");
        Assert.False(lab.Ping(2, NetnsLab.PodIp(1), count: 1));
        var table = NetnsLab.Exec(lab.NodeNamespace(1), "nft", "list", "table", "inet", "cilium_wg_strict");
        Assert.Matches(@"counter packets [1-9]\d* bytes \d+ drop comment ""unencrypted ingress""", table);

        await agents.ApplyAllAsync();                                           // node 2's resync repairs its route
        AssertReachable(lab, (2, 1), (1, 2));
    }

    private static void AssertReachable(NetnsLab lab, params (int From, int To)[] pairs)
    {
        foreach (var (from, to) in pairs)
        {
            var ok = Enumerable.Range(0, 5).Any(_ => lab.Ping(from, NetnsLab.PodIp(to)));
            Assert.True(ok, $"pod on node {from} cannot reach the pod on node {to}");
        }
    }

    /// <summary>tcpdump's line for a WireGuard datagram between two lab nodes: <c>IP 192.168.100.1.51871 &gt; 192.168.100.2.51871: UDP, length 148</c>.</summary>
    [GeneratedRegex(@"^\d\d:\d\d:\d\d\.\d+ IP 192\.168\.100\.\d+\.51871 > 192\.168\.100\.\d+\.51871: UDP, length \d+$")]
    private static partial Regex UnderlayWireGuard();
}
