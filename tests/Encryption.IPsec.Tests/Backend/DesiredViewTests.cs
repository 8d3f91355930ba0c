using Encryption.Core.Cluster;
using Encryption.IPsec.Backend;
using Encryption.IPsec.Planning;
using Encryption.IPsec.Reconcile;
using Encryption.IPsec.Rotation;
using Encryption.IPsec.Tests.Planning;
using Encryption.IPsec.Tests.Reconcile;

namespace Encryption.IPsec.Tests.Backend;

public class DesiredViewTests
{
    private static readonly IPsecPlanOptions Options = new();
    private static readonly KeyRing Ring = DesiredSets.Ring(3);

    private static ClusterSnapshot Cluster(params Node[] remotes) => ClusterSnapshot.Of(Nodes.Lab(1), remotes);

    /// <summary>The incremental change set must equal a full diff of the two views' objects.</summary>
    private static void AssertSameAsFullDiff(DesiredView before, DesiredView after)
    {
        var incremental = after.ChangesFrom(before);
        var full = XfrmDiff.Compute(after.All(), before.All().States, before.All().Policies);
        Assert.Equal(full.ToString(), incremental.ToString());
        Assert.Equal(full.Changes.Select(c => c.Describe()).Order(StringComparer.Ordinal), incremental.Changes.Select(c => c.Describe()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AnUnchangedClusterReusesEveryEntryAndNeedsNoChange()
    {
        var snapshot = Cluster(Nodes.Lab(2), Nodes.Lab(3));
        var first = DesiredView.Build(snapshot, Ring, Options, [], null);

        var second = DesiredView.Build(snapshot, Ring, Options, [], first);

        Assert.Same(first.Nodes, second.Nodes);
        Assert.True(second.ChangesFrom(first).IsEmpty);
    }

    [Fact]
    public void AddedRemovedAndRebootedNodesGiveTheSameChangesAsAFullDiff()
    {
        var first = DesiredView.Build(Cluster(Nodes.Lab(2), Nodes.Lab(3), Nodes.Lab(4)), Ring, Options, [], null);
        var changed = Cluster(Nodes.Lab(2, bootId: "11111111-2222-3333-4444-555555555555"), Nodes.Lab(4), Nodes.Lab(5));

        var second = DesiredView.Build(changed, Ring, Options, [], first);

        AssertSameAsFullDiff(first, second);
        Assert.Same(first.Nodes["node4"], second.Nodes["node4"]);
    }

    [Fact]
    public void ANewKeyRecomputesEveryNodeAndStillDiffsCorrectly()
    {
        var snapshot = Cluster(Nodes.Lab(2), Nodes.Lab(3));
        var first = DesiredView.Build(snapshot, Ring, Options, [], null);

        var second = DesiredView.Build(snapshot, DesiredSets.Ring(3, 4), Options, [], first);

        Assert.NotSame(first.Nodes["node2"], second.Nodes["node2"]);
        AssertSameAsFullDiff(first, second);
    }

    [Fact]
    public void TheLastNodeLeavingRemovesThePassThroughPoliciesToo()
    {
        var first = DesiredView.Build(Cluster(Nodes.Lab(2)), Ring, Options, [], null);

        var second = DesiredView.Build(Cluster(), Ring, Options, [], first);

        Assert.Empty(second.Global);
        AssertSameAsFullDiff(first, second);
        Assert.Empty(second.All().States);
    }

    [Fact]
    public void TheCallersDifferencesGiveTheSameViewAsTheViewsOwnWalk()
    {
        var before = Cluster(Nodes.Lab(2), Nodes.Lab(3), Nodes.Lab(4));
        var first = DesiredView.Build(before, Ring, Options, [], null);
        var after = Cluster(Nodes.Lab(2, bootId: "11111111-2222-3333-4444-555555555555"), Nodes.Lab(4) with { NodeId = 40 }, Nodes.Lab(5));

        var walked = DesiredView.Build(after, Ring, Options, [], first);
        var told = DesiredView.Build(after, Ring, Options, [], first, NodeChurn.Differences(first.Remotes, after.Remotes));

        Assert.True(XfrmDiff.Compute(walked.All(), told.All().States, told.All().Policies).IsEmpty);
        Assert.Equal(walked.Nodes.Keys, told.Nodes.Keys);
        Assert.Equal(walked.ChangesFrom(first).ToString(), told.ChangesFrom(first).ToString());
        AssertSameAsFullDiff(first, told);
    }

    [Fact]
    public void TunnelAndSkippedCountsFollowEachChangeAsAFreshViewCountsThem()
    {
        var view = DesiredView.Build(Cluster(Nodes.Lab(2), Nodes.Lab(3)), Ring, Options, [], null);
        var steps = new[]
        {
            Cluster(Nodes.Lab(2), Nodes.Lab(3), Nodes.Lab(4, ipv6: false)),
            Cluster(Nodes.Lab(2), Nodes.Lab(4, ipv6: false), Nodes.Lab(5) with { IPv4 = null, IPv6 = null }),
            Cluster(Nodes.Lab(4, ipv6: false)),
        };

        foreach (var step in steps)
        {
            view = DesiredView.Build(step, Ring, Options, [], view, NodeChurn.Differences(view.Remotes, step.Remotes));
            var fresh = DesiredView.Build(step, Ring, Options, [], null);

            Assert.Equal(fresh.Tunnels, view.Tunnels);
            Assert.Equal(fresh.Skipped.Count(), view.SkippedCount);
        }
    }
}
