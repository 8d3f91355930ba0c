using Encryption.WireGuard.Routing;
using System.Net;

namespace Encryption.WireGuard.Tests.Reconcile;

public class RoutePlanTests
{
    [Fact]
    public void MissingRoutesAreAddedStaleOnesDeletedAndMatchingOnesKept()
    {
        var plan = RoutePlan.Create(
            [(IPNetwork.Parse("10.2.0.0/24"), 7), (IPNetwork.Parse("10.4.0.0/24"), 7)],
            [IPNetwork.Parse("10.2.0.0/24"), IPNetwork.Parse("10.3.0.0/24")], interfaceIndex: 7);

        Assert.Equal([IPNetwork.Parse("10.3.0.0/24")], plan.Replace);
        Assert.Equal([IPNetwork.Parse("10.4.0.0/24")], plan.Delete);
    }

    [Fact]
    public void RouteThroughARecreatedDeviceIsRepointed()
    {
        var plan = RoutePlan.Create([(IPNetwork.Parse("10.2.0.0/24"), 5)], [IPNetwork.Parse("10.2.0.0/24")], interfaceIndex: 9);
        Assert.Equal([IPNetwork.Parse("10.2.0.0/24")], plan.Replace);
        Assert.Empty(plan.Delete);
    }

    [Fact]
    public void InSyncRoutesGiveAnEmptyPlan() =>
        Assert.True(RoutePlan.Create([(IPNetwork.Parse("10.2.0.0/24"), 5)], [IPNetwork.Parse("10.2.0.0/24")], 5).IsEmpty);
}
