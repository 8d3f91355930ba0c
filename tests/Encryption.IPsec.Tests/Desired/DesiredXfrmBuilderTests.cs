using System.Net;
using System.Net.Sockets;
using Encryption.Core.Cluster;
using Encryption.Core.Configuration;
using Encryption.IPsec.Desired;
using Encryption.IPsec.Keys;
using Encryption.IPsec.Planning;
using Encryption.IPsec.Rotation;
using Encryption.IPsec.Tests.Planning;
using Xfrm.Model;

namespace Encryption.IPsec.Tests.Desired;

public class DesiredXfrmBuilderTests
{
    private const string BootA = "5f616d5f-b237-aed6-4ac7-123456789abc";
    private const string BootB = "5f616d5f-aed6-4ac7-b237-987654321abc";
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly KeyRing Ring = KeyRing.Empty.Load(KeyFileParser.ParseCurrent("3+ rfc4106(gcm(aes)) 44434241343332312423222114131211f4f3f2f1 128"), T0);

    // Node A of specs/ipsec-and-xfrm.md §3.9: 10.0.0.1 (bootA) -> B 10.0.1.1 (bootB, node ID 1 on A), pod CIDR 10.0.1.0/24.
    private static readonly Tunnel ListingTunnel = new()
    {
        RemoteName = "b",
        Family = AddressFamily.InterNetwork,
        LocalAddress = IPAddress.Parse("10.0.0.1"),
        RemoteAddress = IPAddress.Parse("10.0.1.1"),
        LocalNodeId = 5,
        RemoteNodeId = 1,
        LocalBootId = BootA,
        RemoteBootId = BootB,
        RemoteSelectors = [IPNetwork.Parse("10.0.1.0/24")],
        LocalSelectors = [IPNetwork.Parse("10.0.0.0/24")],
        OutKeyId = 3,
        InKeyIds = [3],
    };

    private static DesiredXfrm Build(IPsecPolicyMode mode) => DesiredXfrmBuilder.Build(new TunnelPlan([ListingTunnel], []), Ring, mode);

    [Fact]
    public void MarkModeOutStateMatchesCiliumsListing()
    {
        var state = Build(IPsecPolicyMode.Mark).States.Single(s => s.Source.Equals(IPAddress.Parse("10.0.0.1")));

        Assert.Equal(IPAddress.Parse("10.0.1.1"), state.Destination);
        Assert.Equal(3u, state.Spi);
        Assert.Equal(1u, state.ReqId);
        Assert.Equal(XfrmMode.Tunnel, state.Mode);
        Assert.Equal(XfrmStateFlags.Esn, state.Flags);
        Assert.Equal(1024u, state.ReplayEsn!.ReplayWindow);
        Assert.Equal(new XfrmMark(0x13e00, 0xffffff00), state.Mark);
        Assert.Equal(new XfrmMark(0xe00, 0xffffff00), state.OutputMark);
        Assert.Equal("rfc4106(gcm(aes))", state.Aead!.Name);
        Assert.Equal("0x5ceb47a1b03dae618aa2b1fa45bd2ec718346d79", state.Aead.Key.RevealHex());
        Assert.Equal(128u, state.Aead.IcvBits);
    }

    [Fact]
    public void MarkModeInStateMatchesCiliumsListing()
    {
        var state = Build(IPsecPolicyMode.Mark).States.Single(s => s.Source.Equals(IPAddress.Parse("10.0.1.1")));

        Assert.Equal(3u, state.Spi);
        Assert.Equal(new XfrmMark(0x10d00, 0xffff0f00), state.Mark);
        Assert.Equal(new XfrmMark(0xd00, 0xffffff00), state.OutputMark);
        Assert.Equal("0xd47f72e701545b6b498bb307da2116aaba9fb30d", state.Aead!.Key.RevealHex());
    }

    [Fact]
    public void MarkModePoliciesAreOutPerCidrPlusInFwdAndDefaultDrop()
    {
        var policies = Build(IPsecPolicyMode.Mark).Policies;

        var outPolicy = policies.Single(p => p.Direction == XfrmPolicyDirection.Out && p.Action == XfrmPolicyAction.Allow);
        Assert.Equal(IPAddress.Parse("10.0.1.0"), outPolicy.Selector.Destination);
        Assert.Equal(24, outPolicy.Selector.DestinationPrefixLength);
        Assert.Equal(new XfrmMark(0x13e00, 0xffffff00), outPolicy.Mark);
        var template = Assert.Single(outPolicy.Templates);
        Assert.Equal((IPAddress.Parse("10.0.0.1"), IPAddress.Parse("10.0.1.1"), 3u, 1u), (template.Source, template.Destination, template.Spi, template.ReqId));

        var drop = policies.Single(p => p.Action == XfrmPolicyAction.Block);
        Assert.Equal((100u, new XfrmMark(0xe00, 0xf00)), (drop.Priority, drop.Mark!.Value));
        Assert.Equal(2975u, policies.Single(p => p.Direction == XfrmPolicyDirection.Forward).Priority);
        Assert.True(policies.Single(p => p.Direction == XfrmPolicyDirection.In).Templates.Single().Optional);
    }

    [Fact]
    public void SelectorModeUsesNoMarksAndPutsTheSenderInTheSpi()
    {
        var desired = Build(IPsecPolicyMode.Selector);

        Assert.All(desired.States, s => Assert.Null(s.Mark));
        Assert.Equal(0x503u, desired.States.Single(s => s.Source.Equals(IPAddress.Parse("10.0.0.1"))).Spi);
        Assert.Equal(0x103u, desired.States.Single(s => s.Source.Equals(IPAddress.Parse("10.0.1.1"))).Spi);
        Assert.Equal(0x503u, desired.Policies.Single(p => p.Direction == XfrmPolicyDirection.Out).Templates.Single().Spi);
        Assert.DoesNotContain(desired.Policies, p => p.Action == XfrmPolicyAction.Block);
    }

    [Fact]
    public void PeersSeeEachOthersKeysMirrored()
    {
        var a = Nodes.Lab(1, bootId: BootA);
        var b = Nodes.Lab(2, bootId: BootB);
        var options = new IPsecPlanOptions { IPv6 = false };
        var onA = DesiredXfrmBuilder.Build(TunnelPlanner.Plan(ClusterSnapshot.Of(a, b), Ring, options), Ring, IPsecPolicyMode.Selector);
        var onB = DesiredXfrmBuilder.Build(TunnelPlanner.Plan(ClusterSnapshot.Of(b, a), Ring, options), Ring, IPsecPolicyMode.Selector);

        foreach (var state in onA.States)
        {
            var twin = onB.States.Single(s => s.Source.Equals(state.Source) && s.Destination.Equals(state.Destination));
            Assert.Equal(state.Spi, twin.Spi);
            Assert.Equal(state.Aead, twin.Aead);
        }
    }

    [Fact]
    public void DuringRotationStatesExistForBothKeysAndTheOutPolicyFollowsThePeer()
    {
        var ring = Ring.Load(KeyFileParser.ParseCurrent("4+ rfc4106(gcm(aes)) aa434241343332312423222114131211f4f3f2f1 128"), T0);
        var tunnel = ListingTunnel with { InKeyIds = [3, 4], OutKeyId = 3 };

        var selector = DesiredXfrmBuilder.Build(new TunnelPlan([tunnel], []), ring, IPsecPolicyMode.Selector);
        var mark = DesiredXfrmBuilder.Build(new TunnelPlan([tunnel], []), ring, IPsecPolicyMode.Mark);

        Assert.Equal(4, selector.States.Length);
        Assert.Equal(0x503u, selector.Policies.Single(p => p.Direction == XfrmPolicyDirection.Out).Templates.Single().Spi);
        Assert.Equal(2, mark.Policies.Count(p => p.Direction == XfrmPolicyDirection.Out && p.Action == XfrmPolicyAction.Allow));
    }

    [Fact]
    public void SplitFormKeysBecomeAuthAndCryptAlgorithms()
    {
        var ring = KeyRing.Empty.Load(KeyFileParser.ParseCurrent("3+ hmac(sha256) 0123456789abcdef0123456789abcdef cbc(aes) 0123456789abcdef0123456789abcdef"), T0);
        var state = DesiredXfrmBuilder.Build(new TunnelPlan([ListingTunnel], []), ring, IPsecPolicyMode.Mark).States[0];

        Assert.Null(state.Aead);
        Assert.Equal("hmac(sha256)", state.Authentication!.Name);
        Assert.Equal("cbc(aes)", state.Encryption!.Name);
        Assert.DoesNotContain("0123", state.ToString());
    }

    [Fact]
    public void EmptyPlanWantsNothing() =>
        Assert.Equal(DesiredXfrm.Empty.States, DesiredXfrmBuilder.Build(TunnelPlan.Empty, Ring, IPsecPolicyMode.Selector).States);
}
