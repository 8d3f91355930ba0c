using System.Globalization;
using System.Net;
using Encryption.Agent.Backends;
using Encryption.Core.Backends;
using Encryption.Core.Cluster;
using Encryption.Core.Configuration;
using Encryption.Core.Tests.Support;
using Encryption.IPsec.Backend;
using Encryption.IPsec.Desired;
using Encryption.IPsec.Keys;
using Encryption.IPsec.Planning;
using Encryption.IPsec.Rotation;
using Encryption.Lab.Tests.Lab;
using Netlink;
using Xfrm.Client;

namespace Encryption.Lab.Tests.Agent;

/// <summary>Switching backends on a node: what the previous one left in the kernel goes, and only then.</summary>
public sealed class PreviousBackendCleanupTests : IDisposable
{
    private readonly DirectoryInfo runtime = Directory.CreateTempSubdirectory("enc-leftovers-");
    private readonly ListLogger log = new();
    private readonly FakeLeftovers ipsec = new(EncryptionType.IPsec);
    private readonly FakeLeftovers wireguard = new(EncryptionType.WireGuard);

    private string Marker => Path.Join(runtime.FullName, "backend");

    [Theory]
    [InlineData(null, EncryptionType.None, null)]
    [InlineData(null, EncryptionType.IPsec, null)]
    [InlineData(EncryptionType.IPsec, EncryptionType.IPsec, null)]
    [InlineData(EncryptionType.IPsec, EncryptionType.None, EncryptionType.IPsec)]
    [InlineData(EncryptionType.IPsec, EncryptionType.WireGuard, EncryptionType.IPsec)]
    [InlineData(EncryptionType.WireGuard, EncryptionType.Ztunnel, EncryptionType.WireGuard)]
    [InlineData(EncryptionType.None, EncryptionType.IPsec, null)]
    public void OnlyADifferentBackendThisNodeRanBeforeIsCleanedUp(EncryptionType? previous, EncryptionType current, EncryptionType? expected)
    {
        Assert.Equal(expected, PreviousBackendCleanup.ToRemove(previous, current));
    }

    [Fact]
    public async Task AFirstStartRemovesNothingAndRecordsTheBackend()
    {
        await Cleanup().RunAsync(EncryptionType.None, CancellationToken.None);

        Assert.Equal(0, ipsec.Calls + wireguard.Calls);
        Assert.Equal("none", File.ReadAllText(Marker).Trim());
    }

    [Fact]
    public async Task TurningIPsecOffRemovesItsLeftoversOnceAndLogsWhatWent()
    {
        File.WriteAllText(Marker, "ipsec\n");

        await Cleanup().RunAsync(EncryptionType.None, CancellationToken.None);
        await Cleanup().RunAsync(EncryptionType.None, CancellationToken.None);

        Assert.Equal(1, ipsec.Calls);
        Assert.Equal(0, wireguard.Calls);
        Assert.Equal("none", File.ReadAllText(Marker).Trim());
        Assert.Contains(log.Entries, e => e.Id.Id == 8400 && e.Message.Contains("ipsec, now none: removed its leftovers: 2 XFRM states", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AFailedRemovalKeepsTheMarkerSoTheNextStartRetriesAndTheNewBackendStillStarts()
    {
        File.WriteAllText(Marker, "wireguard\n");
        wireguard.Fail = true;

        await Cleanup().RunAsync(EncryptionType.IPsec, CancellationToken.None);

        Assert.Equal("wireguard", File.ReadAllText(Marker).Trim());
        Assert.Contains(log.Entries, e => e.Id.Id == 8401);
        wireguard.Fail = false;
        await Cleanup().RunAsync(EncryptionType.IPsec, CancellationToken.None);
        Assert.Equal(2, wireguard.Calls);
        Assert.Equal("ipsec", File.ReadAllText(Marker).Trim());
    }

    [Fact]
    public async Task ABackendNothingCanCleanUpIsLoggedAsLeftInPlace()
    {
        File.WriteAllText(Marker, "ztunnel\n"); // the fakes here remove IPsec and WireGuard only

        await Cleanup().RunAsync(EncryptionType.WireGuard, CancellationToken.None);

        Assert.Contains(log.Entries, e => e.Id.Id == 8402 && e.Message.Contains("ztunnel, now wireguard", StringComparison.Ordinal));
        Assert.Equal("wireguard", File.ReadAllText(Marker).Trim());
    }

    [Fact]
    public async Task IPsecLeftoversAreTheAgentsPoliciesOnlyAndForeignOnesStay()
    {
        var name = "leftover-" + Guid.NewGuid().ToString("N")[..8];
        IPsecLab.Exec("ip", "netns", "add", name);
        try
        {
            using var netns = NetworkNamespace.FromName(name);
            var desired = Desired();
            using (var client = XfrmClient.Open(netns))
                client.Apply([.. desired.Policies.Select(p => (XfrmChange)new XfrmChange.AddPolicy(p))]).ThrowIfAnyFailed();
            IPsecLab.Exec("ip", "netns", "exec", name, "ip", "xfrm", "policy", "add", "src", "10.99.0.0/24", "dst", "10.98.0.0/24", "dir", "out", "priority", "77", "action", "block");

            var removed = await new IPsecLeftovers(() => XfrmClient.Open(netns)).RemoveAsync(CancellationToken.None);

            Assert.Equal(["0 XFRM states", $"{desired.Policies.Length} XFRM policies"], removed);
            var left = IPsecLab.Exec("ip", "netns", "exec", name, "ip", "xfrm", "policy", "show");
            Assert.Contains("10.99.0.0/24", left, StringComparison.Ordinal);
            Assert.Single(left.Split('\n'), l => l.StartsWith("src ", StringComparison.Ordinal));
            Assert.Empty(await new IPsecLeftovers(() => XfrmClient.Open(netns)).RemoveAsync(CancellationToken.None));
        }
        finally
        {
            IPsecLab.Exec("ip", "netns", "del", name);
        }
    }

    public void Dispose() => runtime.Delete(recursive: true);

    private PreviousBackendCleanup Cleanup() => new(Marker, [ipsec, wireguard], log);

    /// <summary>The agent's XFRM objects for a node with two peers (selector mode).</summary>
    private static DesiredXfrm Desired()
    {
        static Node Node(int i) => new()
        {
            Name = $"node{i}",
            NodeId = (ushort)i,
            IPv4 = IPAddress.Parse($"192.168.100.{i}"),
            PodCidrs = [IPNetwork.Parse($"10.{i}.0.0/24")],
            BootId = $"6a1b2c3d-0000-4000-8000-{i.ToString("D12", CultureInfo.InvariantCulture)}",
            IPsecKeyId = 3,
        };
        var ring = KeyRing.Empty.Load(KeyFileParser.ParseCurrent("3+ rfc4106(gcm(aes)) 44434241343332312423222114131211f4f3f2f1 128\n"), DateTimeOffset.UtcNow);
        var plan = TunnelPlanner.Plan(ClusterSnapshot.Of(Node(1), [Node(2), Node(3)]), ring, new IPsecPlanOptions());
        return DesiredXfrmBuilder.Build(plan, ring, IPsecPolicyMode.Selector);
    }

    private sealed class FakeLeftovers(EncryptionType type) : IBackendLeftovers
    {
        public EncryptionType Type => type;

        public int Calls { get; private set; }

        public bool Fail { get; set; }

        public Task<IReadOnlyList<string>> RemoveAsync(CancellationToken cancellationToken)
        {
            Calls++;
            if (Fail)
                throw new InvalidOperationException("netlink said no");
            return Task.FromResult<IReadOnlyList<string>>(["2 XFRM states", "3 XFRM policies"]);
        }
    }
}
