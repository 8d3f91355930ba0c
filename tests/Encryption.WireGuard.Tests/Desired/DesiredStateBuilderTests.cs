using Encryption.Core.Cluster;
using Encryption.WireGuard.Desired;
using Encryption.WireGuard.Keys;
using Encryption.WireGuard.Tests.Support;
using System.Collections.Immutable;
using System.Net;

namespace Encryption.WireGuard.Tests.Desired;

public class DesiredStateBuilderTests
{
    private static readonly WireGuardOptions Defaults = new();
    private static readonly PublicKey Own = TestNodes.KeyOf("node-1");

    private static WireGuardDesiredState Compute(WireGuardOptions options, params Node[] remotes) =>
        DesiredStateBuilder.Compute(ClusterSnapshot.Of(TestNodes.Node(1), remotes), options, Own);

    [Fact]
    public void SingleNodeClusterHasNoPeers()
    {
        var desired = Compute(Defaults);
        Assert.Empty(desired.Peers);
        Assert.Empty(desired.Routes);
        Assert.Equal(NodeEncryptionState.Disabled, desired.NodeEncryption);
    }

    [Fact]
    public void TwoNodesGiveOnePeerWithIPv4EndpointNodeAddressesAndPodIps()
    {
        var desired = Compute(Defaults, TestNodes.Node(2, podIps: ["10.2.0.5", "10.2.0.9"]));

        var peer = Assert.Single(desired.Peers);
        Assert.Equal("node-2", peer.NodeName);
        Assert.Equal(TestNodes.KeyOf("node-2"), peer.PublicKey);
        Assert.Equal(IPEndPoint.Parse("192.168.100.2:51871"), peer.Endpoint);
        Assert.Equal(["10.2.0.5/32", "10.2.0.9/32", "192.168.100.2/32", "fd00:100::2/128"], peer.AllowedIPs.Select(p => p.ToString()));
        Assert.Equal(["10.2.0.0/24"], desired.Routes.Select(r => r.ToString()));
    }

    [Fact]
    public void ThreeNodesGiveTwoPeersSortedByNodeName()
    {
        var desired = Compute(Defaults, TestNodes.Node(3), TestNodes.Node(2));
        Assert.Equal(["node-2", "node-3"], desired.Peers.Select(p => p.NodeName));
        Assert.Equal(["10.2.0.0/24", "10.3.0.0/24"], desired.Routes.Select(r => r.ToString()));
    }

    [Fact]
    public void PodsFromTheSnapshotAreAddedButHostNetworkPodsAreNot()
    {
        var snapshot = ClusterSnapshot.Of(TestNodes.Node(1), TestNodes.Node(2)) with
        {
            Pods = ImmutableSortedDictionary<string, PodInfo>.Empty
                .Add("default/a", new PodInfo { Namespace = "default", Name = "a", Uid = "1", NodeName = "node-2", Ips = [IPAddress.Parse("10.2.0.7"), IPAddress.Parse("fd00:2::7")] })
                .Add("default/h", new PodInfo { Namespace = "default", Name = "h", Uid = "2", NodeName = "node-2", HostNetwork = true, Ips = [IPAddress.Parse("192.168.100.2")] }),
        };

        var peer = Assert.Single(DesiredStateBuilder.Compute(snapshot, Defaults, Own).Peers);

        Assert.Equal(["10.2.0.7/32", "192.168.100.2/32", "fd00:2::7/128", "fd00:100::2/128"], peer.AllowedIPs.Select(p => p.ToString()));
    }

    [Fact]
    public void PodCidrModeUsesTheNodesCidrsInsteadOfPodIps()
    {
        var desired = Compute(Defaults with { AllowedIps = AllowedIpsMode.PodCidrs }, TestNodes.Node(2, podIps: ["10.2.0.5"]));
        Assert.Equal(["10.2.0.0/24", "192.168.100.2/32", "fd00:100::2/128"], desired.Peers[0].AllowedIPs.Select(p => p.ToString()));
    }

    [Fact]
    public void TunnelModeKeepsOnlyNodeAddressesAndRoutesNoPodCidrs()
    {
        var desired = Compute(Defaults with { AllowedIps = AllowedIpsMode.NodeIpsOnly }, TestNodes.Node(2, podIps: ["10.2.0.5"]));
        Assert.Equal(["192.168.100.2/32", "fd00:100::2/128"], desired.Peers[0].AllowedIPs.Select(p => p.ToString()));
        Assert.Empty(desired.Routes);
    }

    [Fact]
    public void NodeWithoutIPv4GetsAnIPv6Endpoint()
    {
        var node = TestNodes.Node(2) with { IPv4 = null };
        Assert.Equal(IPEndPoint.Parse("[fd00:100::2]:51871"), Compute(Defaults, node).Peers[0].Endpoint);
    }

    [Fact]
    public void DisabledFamilyIsLeftOutOfEndpointAllowedIpsAndRoutes()
    {
        var desired = Compute(Defaults with { EnableIPv4 = false }, TestNodes.Node(2, podIps: ["10.2.0.5"]));
        Assert.Equal(IPEndPoint.Parse("[fd00:100::2]:51871"), desired.Peers[0].Endpoint);
        Assert.Equal(["fd00:100::2/128"], desired.Peers[0].AllowedIPs.Select(p => p.ToString()));
        Assert.Empty(desired.Routes);
    }

    [Fact]
    public void NodeWithoutAnyUsableAddressIsRejected()
    {
        var desired = Compute(Defaults with { EnableIPv6 = false }, TestNodes.Node(2) with { IPv4 = null });
        Assert.Empty(desired.Peers);
        Assert.Contains("missing node IP", Assert.Single(desired.Rejections).Reason);
    }

    [Fact]
    public void NodeWithoutAKeyIsSkippedWithoutAnError()
    {
        var desired = Compute(Defaults, TestNodes.Node(2, key: null));
        Assert.Empty(desired.Peers);
        Assert.False(Assert.Single(desired.Rejections).IsError);
    }

    [Fact]
    public void AllZeroKeyIsRejected()
    {
        var desired = Compute(Defaults, TestNodes.Node(2, key: PublicKey.Zero.ToBase64()), TestNodes.Node(3));
        Assert.Equal(["node-3"], desired.Peers.Select(p => p.NodeName));
        var rejection = Assert.Single(desired.Rejections);
        Assert.Equal("node-2", rejection.NodeName);
        Assert.Contains("all-zero", rejection.Reason);
        Assert.True(rejection.IsError);
    }

    [Fact]
    public void MalformedKeyIsRejected()
    {
        var desired = Compute(Defaults, TestNodes.Node(2, key: "not-base64"));
        Assert.Empty(desired.Peers);
        Assert.Contains("not 32 bytes", Assert.Single(desired.Rejections).Reason);
    }

    [Fact]
    public void DuplicateKeyRejectsEveryNodeSharingIt()
    {
        var shared = TestNodes.KeyOf("shared").ToBase64();
        var desired = Compute(Defaults, TestNodes.Node(2, key: shared), TestNodes.Node(3, key: shared), TestNodes.Node(4));

        Assert.Equal(["node-4"], desired.Peers.Select(p => p.NodeName));
        Assert.Equal(["node-2", "node-3"], desired.Rejections.Select(r => r.NodeName));
        Assert.All(desired.Rejections, r => Assert.Contains("duplicate public key", r.Reason));
        Assert.Contains("node-3", desired.Rejections[0].Reason);
    }

    [Fact]
    public void RemoteNodeWithThisNodesKeyIsRejected()
    {
        var desired = Compute(Defaults, TestNodes.Node(2, key: Own.ToBase64()));
        Assert.Empty(desired.Peers);
        Assert.Contains("own key", Assert.Single(desired.Rejections).Reason);
    }

    [Fact]
    public void NodeEncryptionRoutesRemoteNodeAddressesThroughTheDevice()
    {
        var desired = Compute(Defaults with { NodeEncryption = true }, TestNodes.Node(2));

        Assert.Equal(NodeEncryptionState.Enabled, desired.NodeEncryption);
        Assert.True(desired.Peers[0].NodeEncryption);
        Assert.Equal(["10.2.0.0/24", "192.168.100.2/32", "fd00:100::2/128"], desired.Routes.Select(r => r.ToString()));
    }

    [Fact]
    public void ControlPlaneRemoteIsLeftOutOfNodeEncryptionButKeepsItsPeer()
    {
        var desired = Compute(Defaults with { NodeEncryption = true }, TestNodes.Node(2, controlPlane: true), TestNodes.Node(3));

        Assert.Equal([false, true], desired.Peers.Select(p => p.NodeEncryption));
        Assert.Contains(IPNetwork.Parse("192.168.100.2/32"), desired.Peers[0].AllowedIPs);
        Assert.DoesNotContain(IPNetwork.Parse("192.168.100.2/32"), desired.Routes);
        Assert.Contains(IPNetwork.Parse("192.168.100.3/32"), desired.Routes);
        Assert.Contains(IPNetwork.Parse("10.2.0.0/24"), desired.Routes);
    }

    [Fact]
    public void ControlPlaneLocalNodeOptsOutOfNodeEncryption()
    {
        var snapshot = ClusterSnapshot.Of(TestNodes.Node(1, controlPlane: true), TestNodes.Node(2));
        var desired = DesiredStateBuilder.Compute(snapshot, Defaults with { NodeEncryption = true }, Own);

        Assert.Equal(NodeEncryptionState.OptedOut, desired.NodeEncryption);
        Assert.False(desired.Peers[0].NodeEncryption);
        Assert.Equal(["10.2.0.0/24"], desired.Routes.Select(r => r.ToString()));
    }

    [Fact]
    public void EmptyOptOutSelectorEncryptsControlPlaneNodesToo()
    {
        var desired = Compute(Defaults with { NodeEncryption = true, NodeEncryptionOptOutLabels = "" }, TestNodes.Node(2, controlPlane: true));
        Assert.True(desired.Peers[0].NodeEncryption);
    }

    [Fact]
    public void PodIpClaimedByTwoNodesStaysWithTheFirstAndIsReported()
    {
        var desired = Compute(Defaults, TestNodes.Node(2, podIps: ["10.9.9.9"]), TestNodes.Node(3, podIps: ["10.9.9.9"]));

        Assert.Contains(IPNetwork.Parse("10.9.9.9/32"), desired.Peers[0].AllowedIPs);
        Assert.DoesNotContain(IPNetwork.Parse("10.9.9.9/32"), desired.Peers[1].AllowedIPs);
        Assert.Contains("10.9.9.9/32 is claimed by node-2 and node-3", Assert.Single(desired.Conflicts));
    }

    [Fact]
    public void ListenPortOptionSetsTheEndpointPort()
    {
        Assert.Equal(51999, Compute(Defaults with { ListenPort = 51999 }, TestNodes.Node(2)).Peers[0].Endpoint.Port);
    }
}
