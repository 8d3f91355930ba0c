using System.Collections.Immutable;
using System.Net;
using Encryption.Core.Cluster;
using Encryption.IPsec.Backend;
using Encryption.IPsec.Diagnostics;
using Encryption.IPsec.Tests.Planning;

namespace Encryption.IPsec.Tests.Backend;

public class NodeChurnTests
{
    private static ImmutableSortedDictionary<string, Node> Of(params Node[] nodes) => nodes.ToImmutableSortedDictionary(n => n.Name, n => n, StringComparer.Ordinal);

    [Fact]
    public void TheFirstApplyReportsNoChurn()
    {
        Assert.Empty(NodeChurn.Between(null, Of(Nodes.Lab(2))));
    }

    [Fact]
    public void AddedRemovedRebootedAndMovedNodesAreEachNamed()
    {
        var before = Of(Nodes.Lab(2), Nodes.Lab(3), Nodes.Lab(4));
        var after = Of(Nodes.Lab(2, bootId: "11111111-1111-1111-1111-111111111111"), Nodes.Lab(3) with { IPv4 = IPAddress.Parse("192.168.100.33") }, Nodes.Lab(5));

        var events = NodeChurn.Between(before, after).ToList();

        Assert.Contains(events, e => e.Kind == IPsecEvent.NodeChanged && e.Detail.StartsWith("node2: boot ID changed", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Kind == IPsecEvent.NodeChanged && e.Detail.Contains("192.168.100.33", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Kind == IPsecEvent.NodeAdded && e.Detail.StartsWith("node5", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Kind == IPsecEvent.NodeRemoved && e.Detail == "node4");
    }

    [Fact]
    public void DifferencesHoldEveryChangedNodeEvenOneNoEventDescribes()
    {
        var before = Of(Nodes.Lab(2), Nodes.Lab(3));
        var after = Of(Nodes.Lab(2), Nodes.Lab(3) with { NodeId = 33 });

        var differences = NodeChurn.Differences(before, after);

        Assert.Equal(["node3"], differences.Select(d => d.Name));
        Assert.Empty(NodeChurn.Describe(differences));
    }
}
