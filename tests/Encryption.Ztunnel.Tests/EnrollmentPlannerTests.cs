using System.Collections.Immutable;
using System.Net;
using Encryption.Core.Cluster;
using Encryption.Ztunnel.Enrollment;

namespace Encryption.Ztunnel.Tests;

public sealed class EnrollmentPlannerTests
{
    private static readonly Node Local = new() { Name = "node-1", IPv4 = IPAddress.Parse("192.168.100.1") };
    private static readonly Node Remote = new() { Name = "node-2", IPv4 = IPAddress.Parse("192.168.100.2") };

    private static NamespaceInfo Ns(string name, string? label) =>
        new(name, label is null ? ImmutableDictionary<string, string>.Empty : ImmutableDictionary<string, string>.Empty.Add(WellKnown.ZtunnelEnrollmentLabel, label));

    private static PodInfo Pod(string ns, string name, string node = "node-1", bool hostNetwork = false, string? app = null, string? netns = "/run/netns/x", string ip = "10.1.0.5") => new()
    {
        Namespace = ns,
        Name = name,
        Uid = $"uid-{ns}-{name}",
        NodeName = node,
        HostNetwork = hostNetwork,
        ServiceAccount = "sa-" + name,
        Ips = [IPAddress.Parse(ip)],
        NetworkNamespacePath = netns,
        Labels = app is null ? ImmutableDictionary<string, string>.Empty : ImmutableDictionary<string, string>.Empty.Add("app", app),
    };

    private static ClusterSnapshot Snapshot(IEnumerable<NamespaceInfo> namespaces, IEnumerable<PodInfo> pods) =>
        ClusterSnapshot.Of(Local, Remote) with
        {
            Namespaces = namespaces.ToImmutableSortedDictionary(n => n.Name, n => n),
            Pods = pods.ToImmutableSortedDictionary(p => $"{p.Namespace}/{p.Name}", p => p),
        };

    [Theory]
    [InlineData("true", true)]
    [InlineData("True", false)]
    [InlineData("false", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void OnlyTheExactLabelValueTrueEnrolls(string? label, bool enrolled)
    {
        var plan = EnrollmentPlanner.Plan(Snapshot([Ns("shop", label)], [Pod("shop", "cart")]), new EnrollmentPolicy());

        Assert.Equal(enrolled, plan.Local.Length == 1);
        Assert.Equal(enrolled, plan.Namespaces.Contains("shop"));
    }

    [Fact]
    public void HostNetworkAndZtunnelPodsAreSkippedWithTheirReason()
    {
        var plan = EnrollmentPlanner.Plan(
            Snapshot([Ns("shop", "true")], [Pod("shop", "host", hostNetwork: true), Pod("shop", "zt", app: "ztunnel-cilium"), Pod("shop", "nons", netns: null), Pod("shop", "cart")]),
            new EnrollmentPolicy());

        Assert.Equal(["cart"], plan.Local.Select(w => w.Workload.Name));
        Assert.Equal(
            [("host", SkipReason.HostNetwork), ("nons", SkipReason.NoNetworkNamespace), ("zt", SkipReason.ZtunnelItself)],
            plan.Skipped.Select(s => (s.Name, s.Reason)).OrderBy(t => t.Name));
    }

    [Fact]
    public void RemotePodsAreMeshedButNotLocalWithTheirNodesHostIp()
    {
        var plan = EnrollmentPlanner.Plan(Snapshot([Ns("shop", "true")], [Pod("shop", "cart"), Pod("shop", "web", node: "node-2", netns: null, ip: "10.2.0.7")]), new EnrollmentPolicy());

        Assert.Equal(["uid-shop-cart"], plan.Local.Select(w => w.Uid));
        Assert.Equal(
            [("cart", "192.168.100.1"), ("web", "192.168.100.2")],
            plan.Mesh.Select(w => (w.Name, w.Node)).OrderBy(t => t.Name));
        Assert.Equal("192.168.100.1", plan.LocalNodeIdentity);
    }

    [Fact]
    public void NodeNameConventionUsesTheNodeName()
    {
        var plan = EnrollmentPlanner.Plan(Snapshot([Ns("shop", "true")], [Pod("shop", "cart")]), new EnrollmentPolicy { NodeIdentity = NodeIdentityConvention.NodeName });

        Assert.Equal("node-1", plan.Mesh.Single().Node);
    }

    [Fact]
    public void RemovingTheLabelDisenrollsEveryPodOfTheNamespace()
    {
        var pods = new[] { Pod("shop", "cart"), Pod("shop", "web") };
        var before = EnrollmentPlanner.Plan(Snapshot([Ns("shop", "true")], pods), new EnrollmentPolicy());
        var after = EnrollmentPlanner.Plan(Snapshot([Ns("shop", null)], pods), new EnrollmentPolicy());

        Assert.Equal(2, before.Local.Length);
        Assert.Empty(after.Local);
        Assert.Empty(after.Mesh);
    }
}
