using System.Collections.Immutable;
using System.Net;
using Encryption.Core.Cluster;

namespace Encryption.Core.Tests.Cluster;

public class ValueEqualityTests
{
    private static Node MakeNode(string label = "a") => new()
    {
        Name = "n1",
        IPv4 = IPAddress.Parse("192.168.100.1"),
        PodCidrs = [IPNetwork.Parse("10.1.0.0/24")],
        PodIps = [IPAddress.Parse("10.1.0.10")],
        BootId = "b",
        NodeId = 1,
        IPsecKeyId = 3,
        Labels = ImmutableDictionary<string, string>.Empty.Add("role", label),
        Annotations = ImmutableDictionary<string, string>.Empty.Add(WellKnown.WireGuardPublicKeyAnnotation, "key="),
    };

    [Fact]
    public void NodesWithEqualContentInDifferentCollectionsAreEqual()
    {
        Assert.Equal(MakeNode(), MakeNode());
        Assert.Equal(MakeNode().GetHashCode(), MakeNode().GetHashCode());
    }

    [Fact]
    public void NodesDifferingInALabelAreNotEqual() => Assert.NotEqual(MakeNode("a"), MakeNode("b"));

    [Fact]
    public void NodesDifferingInPodIpsAreNotEqual() =>
        Assert.NotEqual(MakeNode(), MakeNode() with { PodIps = [IPAddress.Parse("10.1.0.11")] });

    [Fact]
    public void AnEmptyAndADefaultListAreEqual() =>
        Assert.Equal(new Node { Name = "n" }, new Node { Name = "n", PodCidrs = default });

    [Fact]
    public void PodsAndNamespacesCompareByContent()
    {
        PodInfo Pod() => new() { Namespace = "d", Name = "p", Uid = "u", NodeName = "n1", Ips = [IPAddress.Parse("10.1.0.10")], Labels = ImmutableDictionary<string, string>.Empty.Add("a", "b") };

        Assert.Equal(Pod(), Pod());
        Assert.NotEqual(Pod(), Pod() with { HostNetwork = true });
        Assert.Equal(new NamespaceInfo("d", ImmutableDictionary<string, string>.Empty.Add("x", "y")), new NamespaceInfo("d", ImmutableDictionary<string, string>.Empty.Add("x", "y")));
        Assert.NotEqual(new NamespaceInfo("d", ImmutableDictionary<string, string>.Empty.Add("x", "y")), new NamespaceInfo("d", ImmutableDictionary<string, string>.Empty));
    }
}
