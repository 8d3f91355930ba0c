using System.Net;
using Encryption.Core.Cluster;
using Encryption.Core.Configuration;
using Encryption.IPsec.Reconcile;
using Encryption.IPsec.StrictMode;
using Encryption.IPsec.Tests.Planning;
using Xfrm.Model;

namespace Encryption.IPsec.Tests.StrictMode;

public class StrictEgressPoliciesTests
{
    private static readonly StrictEgressOptions Strict = new() { Enabled = true, Cidr = IPNetwork.Parse("10.0.0.0/8") };

    [Fact]
    public void DisabledStrictModeAddsNothing()
    {
        Assert.Empty(StrictEgressPolicies.Build(new StrictEgressOptions(), ClusterSnapshot.Of(Nodes.Lab(1), Nodes.Lab(2))));
    }

    [Fact]
    public void PlaintextInsideTheCidrIsBlockedBelowTheTunnelsAndLocalPodsStayReachable()
    {
        var policies = StrictEgressPolicies.Build(Strict, ClusterSnapshot.Of(Nodes.Lab(1), Nodes.Lab(2)));

        var block = Assert.Single(policies, p => p.Action == XfrmPolicyAction.Block);
        Assert.Equal(XfrmPolicyDirection.Out, block.Direction);
        Assert.Equal("10.0.0.0", block.Selector.Source.ToString());
        Assert.Equal(8, block.Selector.SourcePrefixLength);
        Assert.Equal("10.0.0.0", block.Selector.Destination.ToString());
        Assert.Equal(8, block.Selector.DestinationPrefixLength);
        var allow = Assert.Single(policies, p => p.Action == XfrmPolicyAction.Allow);
        Assert.Equal("10.1.0.0", allow.Selector.Destination.ToString());
        Assert.True(allow.Priority < block.Priority, "local pods must win over the block");
        Assert.True(block.Priority > 0, "the tunnels' OUT policies (priority 0) must win over the block");
        Assert.All(policies, p => Assert.True(XfrmOwnership.IsOwned(p)));
    }

    [Fact]
    public void AllowRemoteNodeIdentitiesLetsRemoteNodeAddressesInsideTheCidrPass()
    {
        var options = Strict with { Cidr = IPNetwork.Parse("192.168.0.0/16"), AllowRemoteNodeIdentities = true };

        var policies = StrictEgressPolicies.Build(options, ClusterSnapshot.Of(Nodes.Lab(1), Nodes.Lab(2), Nodes.Lab(3)));

        var allowed = policies.Where(p => p.Action == XfrmPolicyAction.Allow).Select(p => $"{p.Selector.Destination}/{p.Selector.DestinationPrefixLength}").ToList();
        Assert.Contains("192.168.100.2/32", allowed);
        Assert.Contains("192.168.100.3/32", allowed);
    }

    [Fact]
    public void AnIPv6CidrIsIgnoredBecauseStrictModeIsIPv4Only()
    {
        Assert.Empty(StrictEgressPolicies.Build(Strict with { Cidr = IPNetwork.Parse("fd00::/8") }, ClusterSnapshot.Of(Nodes.Lab(1))));
    }
}
