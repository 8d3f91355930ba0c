using Encryption.Cli.Lab;
using Encryption.Cli.Lab.Verify;
using System.Net;

namespace Encryption.Lab.Tests.Unit;

/// <summary>The lab's addressing plan and naming convention.</summary>
public sealed class LabTopologyTests
{
    [Fact]
    public void NodeNGetsItsUnderlayAddressesAndPodCidr()
    {
        var node = LabTopology.Create(new LabNames("lab"), 3, 2).Nodes[1];

        Assert.Equal("node2", node.Name);
        Assert.Equal("enclab-lab-n2", node.Namespace);
        Assert.Equal(IPAddress.Parse("192.168.100.2"), node.IPv4);
        Assert.Equal(IPAddress.Parse("fd00:100::2"), node.IPv6);
        Assert.Equal(IPNetwork.Parse("10.2.0.0/24"), node.PodCidr);
        Assert.Equal(IPAddress.Parse("10.2.0.1"), node.PodGateway);
        Assert.Equal(["10.2.0.10", "10.2.0.11"], node.Pods.Select(p => p.IPv4.ToString()));
        Assert.Equal(["enclab-lab-n2p1", "enclab-lab-n2p2"], node.Pods.Select(p => p.Namespace));
    }

    [Fact]
    public void NamespacesAreListedPodsFirstThenNodesThenTheUnderlay()
    {
        var namespaces = LabTopology.Create(new LabNames("x"), 2, 1).Namespaces;

        Assert.Equal(["enclab-x-n1p1", "enclab-x-n2p1", "enclab-x-n1", "enclab-x-n2", "enclab-x-ul"], namespaces);
    }

    [Fact]
    public void ALabOwnsOnlyItsOwnNamespaces()
    {
        var names = new LabNames("lab");

        Assert.True(names.Owns("enclab-lab-n1"));
        Assert.False(names.Owns("enclab-lab2-n1"));
        Assert.False(names.Owns("other-lab-n1"));
    }

    [Theory]
    [InlineData("lab", true)]
    [InlineData("t1a2b3c4", true)]
    [InlineData("", false)]
    [InlineData("has-dash", false)]
    [InlineData("Upper", false)]
    [InlineData("abcdefghijklmnopq", false)]
    public void LabNamesAreShortLowercaseAndHaveNoDash(string name, bool valid)
    {
        Assert.Equal(valid, LabNames.IsValid(name));
    }

    [Fact]
    public void VerifyProbesARingOfNodesAndASinglePairForTwo()
    {
        var three = LabVerify.Pairs(LabTopology.Create(new LabNames("x"), 3, 1)).Select(p => $"{p.From.Name}>{p.To.Name}");
        var two = LabVerify.Pairs(LabTopology.Create(new LabNames("x"), 2, 1)).Select(p => $"{p.From.Name}>{p.To.Name}");

        Assert.Equal(["node1-pod1>node2-pod1", "node2-pod1>node3-pod1", "node3-pod1>node1-pod1"], three);
        Assert.Equal(["node1-pod1>node2-pod1"], two);
    }

    [Fact]
    public void DownFindsEveryLabFromStateDirectoriesAndNamespaceNames()
    {
        var labs = LabDown.AllLabs("/nonexistent", ["enclab-a-n1", "enclab-a-ul", "enclab-b2-n1p1", "other-ns", "enclab-Bad-n1"]);

        Assert.Equal(["a", "b2"], labs);
    }
}
