using System.Net;
using Encryption.Core.Configuration;
using Encryption.IPsec.Reconcile;
using Xfrm.Model;

namespace Encryption.IPsec.Tests.Reconcile;

public class XfrmOwnershipTests
{
    [Theory]
    [InlineData(IPsecPolicyMode.Selector)]
    [InlineData(IPsecPolicyMode.Mark)]
    public void EveryObjectTheBuilderProducesIsOwned(IPsecPolicyMode mode)
    {
        var desired = DesiredSets.For(1, [2, 3], DesiredSets.Ring(3, 4), mode);

        Assert.All(desired.States, s => Assert.True(XfrmOwnership.IsOwned(s), s.ToString()));
        Assert.All(desired.Policies, p => Assert.True(XfrmOwnership.IsOwned(p), p.ToString()));
    }

    [Theory]
    [InlineData(2u, 0x1003u)] // another reqid
    [InlineData(1u, 0x10u)] // reqid 1 but key ID 0 in the low byte
    [InlineData(1u, 0x05u)] // reqid 1, key-ID-sized SPI but no Cilium mark
    [InlineData(1u, 0x1000003u)] // beyond a 16-bit node ID
    public void StatesOfOtherSoftwareAreNotOwned(uint reqId, uint spi)
    {
        var state = new XfrmState { Source = IPAddress.Parse("10.0.0.1"), Destination = IPAddress.Parse("10.0.0.2"), Spi = spi, ReqId = reqId };

        Assert.False(XfrmOwnership.IsOwned(state));
    }

    [Fact]
    public void APolicyWithoutOurTemplateIsNotOwned()
    {
        var plain = new XfrmPolicy
        {
            Selector = XfrmSelector.Any(XfrmFamily.IPv4) with { Destination = IPAddress.Parse("10.9.0.0"), DestinationPrefixLength = 16 },
            Direction = XfrmPolicyDirection.Out,
            Templates = new ValueList<XfrmTemplate>([XfrmTemplate.Tunnel(IPAddress.Parse("10.0.0.1"), IPAddress.Parse("10.0.0.2"), 0x100, 9)]),
        };
        var block = plain with { Templates = ValueList<XfrmTemplate>.Empty, Action = XfrmPolicyAction.Block, Priority = 50 };

        Assert.False(XfrmOwnership.IsOwned(plain));
        Assert.False(XfrmOwnership.IsOwned(block));
    }
}
