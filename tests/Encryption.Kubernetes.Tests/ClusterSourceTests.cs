using System.Net;
using Encryption.Core.Cluster;
using Encryption.Kubernetes.Tests.ApiServer;
using Encryption.Kubernetes.Tests.Support;
using static Encryption.Core.Cluster.ClusterChange;

namespace Encryption.Kubernetes.Tests;

public sealed class ClusterSourceTests
{
    private static async Task<Harness> ClusterAsync()
    {
        var harness = await Harness.StartAsync();
        harness.Server.Put(ApiResource.CiliumNodes, Objects.CiliumNode("node-a", "192.168.100.1", "fd00:100::1", "10.1.0.0/24", "boot-a", keyId: 3, wgKey: Objects.WgKeyA));
        harness.Server.Put(ApiResource.CiliumNodes, Objects.CiliumNode("node-b", "192.168.100.2", podCidr: "10.2.0.0/24", bootId: "boot-b", keyId: 3));
        harness.Server.Put(ApiResource.CiliumNodes, Objects.CiliumNode("node-c", "192.168.100.3", podCidr: "10.3.0.0/24", bootId: "boot-c"));
        harness.Server.Put(ApiResource.Namespaces, Objects.Namespace("default"));
        harness.Server.Put(ApiResource.Namespaces, Objects.Namespace("mesh", new() { [WellKnown.ZtunnelEnrollmentLabel] = "true" }));
        harness.Server.Put(ApiResource.Pods, Objects.Pod("mesh", "web", "node-b", ["10.2.0.10", "fd00:2::10"], serviceAccount: "web-sa"));
        return harness;
    }

    [Fact]
    public async Task FirstChangeIsOneResyncWithNodesNamespacesAndPodsMapped()
    {
        await using var harness = await ClusterAsync();
        var source = await harness.StartSourceAsync();

        Assert.IsType<Resynced>(Assert.Single(harness.Changes!.All));
        var view = source.Current;
        Assert.Equal(["node-a", "node-b", "node-c"], view.Nodes.Keys);
        var a = view.Nodes["node-a"];
        Assert.Equal(IPAddress.Parse("192.168.100.1"), a.IPv4);
        Assert.Equal(IPAddress.Parse("fd00:100::1"), a.IPv6);
        Assert.Equal([IPNetwork.Parse("10.1.0.0/24")], a.PodCidrs.ToArray());
        Assert.Equal("boot-a", a.BootId);
        Assert.Equal(3, a.IPsecKeyId);
        Assert.Equal(Objects.WgKeyA, a.WireGuardPublicKey);
        Assert.Equal(0, view.Nodes["node-c"].IPsecKeyId);
        Assert.Equal("true", view.Namespaces["mesh"].Labels[WellKnown.ZtunnelEnrollmentLabel]);
        var pod = view.Pods["mesh/web"];
        Assert.Equal(("node-b", "web-sa", "uid-mesh-web", false), (pod.NodeName, pod.ServiceAccount, pod.Uid, pod.HostNetwork));
        Assert.Equal([IPAddress.Parse("10.2.0.10"), IPAddress.Parse("fd00:2::10")], pod.Ips.ToArray());
        Assert.Equal([IPAddress.Parse("10.2.0.10"), IPAddress.Parse("fd00:2::10")], view.Nodes["node-b"].PodIps.ToArray());
    }

    [Fact]
    public async Task ListsAreReadPageByPage()
    {
        await using var harness = await ClusterAsync();
        await harness.StartSourceAsync();

        var lists = harness.Server.Requests.Where(r => r.Verb == "list" && r.Resource == ApiResource.CiliumNodes).ToList();
        Assert.Equal(2, lists.Count); // three nodes, two per page
        Assert.Null(lists[0]["continue"]);
        Assert.NotNull(lists[1]["continue"]);
        Assert.All(lists, l => Assert.Equal("2", l["limit"]));
    }

    [Fact]
    public async Task AddUpdateAndDeleteOfCiliumNodesAreSeenAsChanges()
    {
        await using var harness = await ClusterAsync();
        var source = await harness.StartSourceAsync();
        var seen = harness.Changes!.Count;

        harness.Server.Put(ApiResource.CiliumNodes, Objects.CiliumNode("node-d", "192.168.100.4", podCidr: "10.4.0.0/24", bootId: "boot-d"));
        harness.Server.Put(ApiResource.CiliumNodes, Objects.CiliumNode("node-b", "192.168.100.2", podCidr: "10.2.0.0/24", bootId: "boot-b2", keyId: 4));
        harness.Server.Store.Delete(ApiResource.CiliumNodes, null, "node-c");
        await Eventually.True(() => harness.Changes.Count >= seen + 3, "three node changes");

        var changes = harness.Changes.Since(seen).Cast<NodeChanged>().ToList();
        Assert.Equal(3, changes.Count);
        Assert.Equal((null, "node-d"), (changes[0].Old, changes[0].New?.Name));
        Assert.Equal(("boot-b", "boot-b2", (byte)4), (changes[1].Old!.BootId, changes[1].New!.BootId, changes[1].New!.IPsecKeyId));
        Assert.Equal(("node-c", null), (changes[2].Old?.Name, changes[2].New));
        Assert.Equal(["node-a", "node-b", "node-d"], source.Current.Nodes.Keys);
    }

    [Fact]
    public async Task AnnotationOnlyChangeIsAnUpdateButStatusOnlyChangeIsNot()
    {
        await using var harness = await ClusterAsync();
        var source = await harness.StartSourceAsync();
        var seen = harness.Changes!.Count;

        var statusOnly = Objects.CiliumNode("node-b", "192.168.100.2", podCidr: "10.2.0.0/24", bootId: "boot-b", keyId: 3);
        statusOnly["status"] = new System.Text.Json.Nodes.JsonObject { ["ipam"] = new System.Text.Json.Nodes.JsonObject { ["used"] = 7 } };
        harness.Server.Put(ApiResource.CiliumNodes, statusOnly);
        harness.Server.Put(ApiResource.CiliumNodes, Objects.CiliumNode("node-b", "192.168.100.2", podCidr: "10.2.0.0/24", bootId: "boot-b", keyId: 3, wgKey: Objects.WgKeyB));
        await Eventually.True(() => harness.Changes.Count > seen, "the new public key");
        await Task.Delay(100); // room for the status-only change to show up, were it reported

        var change = Assert.IsType<NodeChanged>(Assert.Single(harness.Changes.Since(seen)));
        Assert.Null(change.Old!.WireGuardPublicKey);
        Assert.Equal(Objects.WgKeyB, change.New!.WireGuardPublicKey);
    }

    [Fact]
    public async Task PodChangesAreSeenAndMoveTheNodesPodIps()
    {
        await using var harness = await ClusterAsync();
        var source = await harness.StartSourceAsync();
        var seen = harness.Changes!.Count;

        harness.Server.Put(ApiResource.Pods, Objects.Pod("mesh", "db", "node-c", ["10.3.0.20"]));
        harness.Server.Put(ApiResource.Pods, Objects.Pod("kube-system", "agent", "node-c", ["192.168.100.3"], hostNetwork: true));
        harness.Server.Put(ApiResource.Pods, Objects.Pod("mesh", "web", "node-b", ["10.2.0.10"], phase: "Succeeded"));
        await Eventually.True(() => harness.Changes.Count >= seen + 5, "the pod changes and their nodes'");

        Assert.Equal([IPAddress.Parse("10.3.0.20")], source.Current.Nodes["node-c"].PodIps.ToArray());
        Assert.Empty(source.Current.Nodes["node-b"].PodIps);
        Assert.True(source.Current.Pods["kube-system/agent"].HostNetwork);
        var kinds = harness.Changes.Since(seen).Select(c => c switch
        {
            PodChanged p => $"pod {p.Old?.Name ?? p.New!.Name}{(p.New is null ? " gone" : "")}",
            NodeChanged n => $"node {n.New!.Name}",
            _ => c.GetType().Name,
        });
        Assert.Equal(["pod db", "node node-c", "pod agent", "pod web gone", "node node-b"], kinds);
    }

    [Fact]
    public async Task NamespaceLabelChangeIsSeen()
    {
        await using var harness = await ClusterAsync();
        var source = await harness.StartSourceAsync();
        var seen = harness.Changes!.Count;

        harness.Server.Put(ApiResource.Namespaces, Objects.Namespace("default", new() { [WellKnown.ZtunnelEnrollmentLabel] = "true" }));
        await Eventually.True(() => harness.Changes.Count > seen, "a namespace change");

        var change = Assert.IsType<NamespaceChanged>(Assert.Single(harness.Changes.Since(seen)));
        Assert.False(change.Old!.Labels.ContainsKey(WellKnown.ZtunnelEnrollmentLabel));
        Assert.Equal("true", source.Current.Namespaces["default"].Labels[WellKnown.ZtunnelEnrollmentLabel]);
    }

    [Theory]
    [InlineData(WatchCommand.Drop)]
    [InlineData(WatchCommand.DropMidLine)]
    public async Task WatchDroppedMidStreamResumesWithoutLosingOrDuplicatingEvents(WatchCommand drop)
    {
        await using var harness = await ClusterAsync();
        var source = await harness.StartSourceAsync();
        await Eventually.True(() => harness.Server.OpenWatches(ApiResource.CiliumNodes) == 1, "the node watch");
        var before = harness.Changes!.Count;
        harness.Server.Put(ApiResource.CiliumNodes, Objects.CiliumNode("node-a", "192.168.100.1", "fd00:100::1", "10.1.0.0/24", "boot-a", keyId: 4, wgKey: Objects.WgKeyA));
        await Eventually.True(() => harness.Changes.Count > before, "the first update");
        var resumeFrom = harness.Server.Store.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var seen = harness.Changes.Count;

        harness.Server.Command(drop);
        await Eventually.True(() => harness.Server.OpenWatches(ApiResource.CiliumNodes) == 0, "the watch to drop");
        // While the agent is disconnected (waiting out its backoff on fake time), the cluster moves on.
        harness.Server.Put(ApiResource.CiliumNodes, Objects.CiliumNode("node-d", "192.168.100.4"));
        harness.Server.Put(ApiResource.CiliumNodes, Objects.CiliumNode("node-b", "192.168.100.2", podCidr: "10.2.0.0/24", bootId: "boot-b", keyId: 5));
        await Eventually.True(() => harness.Changes.Count >= seen + 2, "the missed events", harness.Time);
        harness.Server.Put(ApiResource.CiliumNodes, Objects.CiliumNode("node-e", "192.168.100.5"));
        await Eventually.True(() => harness.Changes.Count >= seen + 3, "an event on the new stream");
        await Task.Delay(100); // room for a duplicate to show up

        var names = harness.Changes.Since(seen).Select(c => ((NodeChanged)c).New!.Name);
        Assert.Equal(["node-d", "node-b", "node-e"], names);
        var watches = harness.Server.Requests.Where(r => r.Verb == "watch" && r.Resource == ApiResource.CiliumNodes).ToList();
        Assert.Equal(resumeFrom, watches[^1]["resourceVersion"]);
        Assert.All(watches, w => Assert.Equal("true", w["allowWatchBookmarks"]));
        Assert.Single(harness.Server.Requests, r => r.Verb == "list" && r.Resource == ApiResource.CiliumNodes && r["continue"] is null);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GoneRelistsAndRemovesNodeDeletedMeanwhile(bool goneAsHttpStatus)
    {
        await using var harness = await Harness.StartAsync(new ApiServerDoubleOptions { GoneAsHttpStatus = goneAsHttpStatus });
        harness.Server.Put(ApiResource.CiliumNodes, Objects.CiliumNode("node-a", "192.168.100.1"));
        harness.Server.Put(ApiResource.CiliumNodes, Objects.CiliumNode("node-b", "192.168.100.2"));
        harness.Server.Put(ApiResource.CiliumNodes, Objects.CiliumNode("node-c", "192.168.100.3"));
        var source = await harness.StartSourceAsync(configure: o => o with { WatchNamespaces = false, WatchPods = false });
        await Eventually.True(() => harness.Server.OpenWatches(ApiResource.CiliumNodes) == 1, "the node watch");
        var seen = harness.Changes!.Count;

        harness.Server.Command(WatchCommand.Drop);
        await Eventually.True(() => harness.Server.OpenWatches(ApiResource.CiliumNodes) == 0, "the watch to drop");
        harness.Server.Store.Delete(ApiResource.CiliumNodes, null, "node-b");
        harness.Server.Put(ApiResource.CiliumNodes, Objects.CiliumNode("node-c", "192.168.100.33"));
        harness.Server.Store.Compact(); // the deletion is no longer in the history: only a relist can show it
        await Eventually.True(() => harness.Changes.Count >= seen + 3, "the relist", harness.Time);

        var changes = harness.Changes.Since(seen);
        Assert.Equal(("node-b", null), (((NodeChanged)changes[0]).Old?.Name, ((NodeChanged)changes[0]).New));
        Assert.Equal(IPAddress.Parse("192.168.100.33"), ((NodeChanged)changes[1]).New!.IPv4);
        Assert.IsType<Resynced>(changes[2]);
        Assert.Equal(["node-a", "node-c"], source.Current.Nodes.Keys);
    }

    [Fact]
    public async Task ExpiredErrorEventOnAnOpenWatchRelists()
    {
        await using var harness = await ClusterAsync();
        var source = await harness.StartSourceAsync(configure: o => o with { WatchNamespaces = false, WatchPods = false });
        await Eventually.True(() => harness.Server.OpenWatches(ApiResource.CiliumNodes) == 1, "the node watch");
        var lists = harness.Server.Requests.Count(r => r.Verb == "list" && r.Resource == ApiResource.CiliumNodes);
        var seen = harness.Changes!.Count;

        harness.Server.Command(WatchCommand.Expire);
        await Eventually.True(() => harness.Changes.Count > seen, "a resync");

        Assert.IsType<Resynced>(Assert.Single(harness.Changes.Since(seen), c => c is Resynced));
        Assert.True(harness.Server.Requests.Count(r => r.Verb == "list" && r.Resource == ApiResource.CiliumNodes) > lists);
        Assert.Equal(3, source.Current.Nodes.Count);
    }

    [Fact]
    public async Task SubscriberArrivingAfterSyncStartsWithAResync()
    {
        await using var harness = await ClusterAsync();
        var source = await harness.StartSourceAsync();
        using var stop = new CancellationTokenSource();
        await using var late = new ChangeRecorder(source.Changes(stop.Token));

        await Eventually.True(() => late.Count == 1, "the late subscriber's resync");
        Assert.IsType<Resynced>(late.All[0]);
        await stop.CancelAsync();
    }

    [Fact]
    public async Task ForbiddenWatchIsRetriedUntilRbacAllowsIt()
    {
        await using var harness = await ClusterAsync();
        var allowPods = false;
        harness.Server.Authorize = r => r.Resource != ApiResource.Pods || Volatile.Read(ref allowPods);
        var source = new Kubernetes.Cluster.KubernetesClusterSource(harness.Client, new() { NodeName = "node-a", Informer = Harness.Informer }, harness.Time);
        using var stop = new CancellationTokenSource();
        var run = source.RunAsync(stop.Token);

        await Eventually.True(() => harness.Server.Requests.Count(r => r.Resource == ApiResource.Pods) >= 3, "retries of the pod list", harness.Time);
        Assert.False(source.IsSynced);
        Volatile.Write(ref allowPods, true);
        await Eventually.True(() => source.IsSynced, "the sync once allowed", harness.Time);

        await stop.CancelAsync();
        await run;
    }
}
