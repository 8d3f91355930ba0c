using System.Net;
using System.Net.Sockets;
using Encryption.Core.Cluster;
using Encryption.IPsec.Planning;
using Encryption.IPsec.Rotation;
using Encryption.IPsec.Tests.Rotation;

namespace Encryption.IPsec.Tests.Planning;

public class TunnelPlannerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly KeyRing Ring = KeyRing.Empty.Load(KeyRingTests.Gcm(3), T0);
    private static readonly IPsecPlanOptions Options = new();

    [Fact]
    public void SingleNodeClusterHasNoTunnels()
    {
        var plan = TunnelPlanner.Plan(ClusterSnapshot.Of(Nodes.Lab(1)), Ring, Options);
        Assert.Empty(plan.Tunnels);
        Assert.Empty(plan.Skipped);
    }

    [Fact]
    public void TwoDualStackNodesGetOneTunnelPerFamily()
    {
        var plan = TunnelPlanner.Plan(ClusterSnapshot.Of(Nodes.Lab(1), Nodes.Lab(2)), Ring, Options);

        Assert.Equal(2, plan.Tunnels.Length);
        var v4 = plan.Tunnels.Single(t => t.Family == AddressFamily.InterNetwork);
        Assert.Equal(IPAddress.Parse("192.168.100.1"), v4.LocalAddress);
        Assert.Equal(IPAddress.Parse("192.168.100.2"), v4.RemoteAddress);
        Assert.Equal([IPNetwork.Parse("10.2.0.0/24")], v4.RemoteSelectors.ToArray());
        Assert.Equal([IPNetwork.Parse("10.1.0.0/24")], v4.LocalSelectors.ToArray());
        Assert.Equal(3, v4.OutKeyId);
        var v6 = plan.Tunnels.Single(t => t.Family == AddressFamily.InterNetworkV6);
        Assert.Equal([IPNetwork.Parse("fd00:10:2::/64")], v6.RemoteSelectors.ToArray());
    }

    [Fact]
    public void ThreeNodesGiveEachNodeTunnelsToTheOtherTwo()
    {
        var snapshot = ClusterSnapshot.Of(Nodes.Lab(2), Nodes.Lab(1), Nodes.Lab(2), Nodes.Lab(3));
        var plan = TunnelPlanner.Plan(snapshot, Ring, Options with { IPv6 = false });

        Assert.Equal(["node1", "node3"], plan.Tunnels.Select(t => t.RemoteName));
    }

    [Fact]
    public void NodeEncryptionAddsTheRemoteNodeAddress()
    {
        var plan = TunnelPlanner.Plan(ClusterSnapshot.Of(Nodes.Lab(1), Nodes.Lab(2)), Ring, Options with { NodeEncryption = true });

        var v4 = plan.Tunnels.Single(t => t.Family == AddressFamily.InterNetwork);
        Assert.Contains(IPNetwork.Parse("192.168.100.2/32"), v4.RemoteSelectors.ToArray());
        var v6 = plan.Tunnels.Single(t => t.Family == AddressFamily.InterNetworkV6);
        Assert.Contains(IPNetwork.Parse("fd00:100::2/128"), v6.RemoteSelectors.ToArray());
    }

    [Fact]
    public void RemoteWithoutBootIdIsSkippedWithTheReason()
    {
        var plan = TunnelPlanner.Plan(ClusterSnapshot.Of(Nodes.Lab(1), Nodes.Lab(2) with { BootId = null }), Ring, Options);

        Assert.Empty(plan.Tunnels);
        Assert.Contains("no boot ID", Assert.Single(plan.Skipped).Reason);
    }

    [Fact]
    public void IPv4OnlyRemoteGetsOnlyAnIPv4Tunnel()
    {
        var plan = TunnelPlanner.Plan(ClusterSnapshot.Of(Nodes.Lab(1), Nodes.Lab(2, ipv6: false)), Ring, Options);
        Assert.Equal(AddressFamily.InterNetwork, Assert.Single(plan.Tunnels).Family);
    }

    [Fact]
    public void LocalNodeWithoutBootIdIsAnError()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            TunnelPlanner.Plan(ClusterSnapshot.Of(Nodes.Lab(1) with { BootId = "" }, Nodes.Lab(2)), Ring, Options));
        Assert.Contains("IPSec requires a valid BootID", error.Message);
    }

    [Fact]
    public void DuringRotationOutFollowsThePeerAndInAcceptsBothKeys()
    {
        var ring = Ring.Load(KeyRingTests.Gcm(4, "aa1e2d3c4b5a69788796a5b4c3d2e1f000112233"), T0);
        var snapshot = ClusterSnapshot.Of(Nodes.Lab(1, keyId: 4), Nodes.Lab(2, keyId: 3), Nodes.Lab(3, keyId: 4));

        var plan = TunnelPlanner.Plan(snapshot, ring, Options with { IPv6 = false });

        Assert.Equal(3, plan.Tunnels.Single(t => t.RemoteName == "node2").OutKeyId);
        Assert.Equal(4, plan.Tunnels.Single(t => t.RemoteName == "node3").OutKeyId);
        Assert.All(plan.Tunnels, t => Assert.Equal([3, 4], t.InKeyIds.Select(k => (int)k)));
    }

    [Fact]
    public void NoKeyLoadedMeansNoTunnels() =>
        Assert.Empty(TunnelPlanner.Plan(ClusterSnapshot.Of(Nodes.Lab(1), Nodes.Lab(2)), KeyRing.Empty, Options).Tunnels);
}
