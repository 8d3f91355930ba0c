using Encryption.Ztunnel.Xds;
using Google.Protobuf.WellKnownTypes;
using Envoy = Encryption.Ztunnel.Protos.Xds;

namespace Encryption.Ztunnel.Tests;

public sealed class DeltaSubscriptionTests
{
    private static XdsResource R(string name, string version) => new(name, version, new Any { TypeUrl = XdsTypeUrls.Address });

    private static Dictionary<string, XdsResource> Set(params XdsResource[] resources) => resources.ToDictionary(r => r.Name);

    [Fact]
    public void InitialWildcardRequestGetsEverything()
    {
        var s = DeltaSubscription.Start(new Envoy.DeltaDiscoveryRequest { TypeUrl = XdsTypeUrls.Address });

        var diff = s.Diff(Set(R("a", "1"), R("b", "1")));

        Assert.Equal(["a", "b"], diff.Upserts.Select(r => r.Name));
        Assert.Empty(diff.Removed);
    }

    [Fact]
    public void ReconnectRemovesWhatTheClientStillHoldsButNoLongerExists()
    {
        var request = new Envoy.DeltaDiscoveryRequest { TypeUrl = XdsTypeUrls.Address };
        request.InitialResourceVersions.Add("gone", "1");
        request.InitialResourceVersions.Add("same", "7");
        request.InitialResourceVersions.Add("changed", "1");
        var s = DeltaSubscription.Start(request);

        var diff = s.Diff(Set(R("same", "7"), R("changed", "2"), R("new", "1")));

        Assert.Equal(["changed", "new"], diff.Upserts.Select(r => r.Name).Order());
        Assert.Equal(["gone"], diff.Removed);
    }

    [Fact]
    public void LaterDiffsCarryOnlyChanges()
    {
        var s = DeltaSubscription.Start(new Envoy.DeltaDiscoveryRequest { TypeUrl = XdsTypeUrls.Address });
        s.Diff(Set(R("a", "1"), R("b", "1")));

        var diff = s.Diff(Set(R("a", "2"), R("c", "1")));

        Assert.Equal(["a", "c"], diff.Upserts.Select(r => r.Name));
        Assert.Equal(["b"], diff.Removed);
        Assert.True(s.Diff(Set(R("a", "2"), R("c", "1"))).IsEmpty);
    }

    [Fact]
    public void OnDemandSubscriptionStartsEmptyAndFollowsNamedSubscribes()
    {
        var first = new Envoy.DeltaDiscoveryRequest { TypeUrl = XdsTypeUrls.Address, ResourceNamesSubscribe = { "*" }, ResourceNamesUnsubscribe = { "*" } };
        var s = DeltaSubscription.Start(first);
        var all = Set(R("a", "1"), R("b", "1"));
        Assert.True(s.Diff(all).IsEmpty);

        s.Update(new Envoy.DeltaDiscoveryRequest { TypeUrl = XdsTypeUrls.Address, ResourceNamesSubscribe = { "b" } });

        Assert.Equal(["b"], s.Diff(all).Upserts.Select(r => r.Name));
    }
}
