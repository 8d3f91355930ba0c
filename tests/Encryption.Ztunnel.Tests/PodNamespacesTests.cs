using System.Collections.Immutable;
using Encryption.Ztunnel.Enrollment;
using Encryption.Ztunnel.Tests.Support;
using static Encryption.Ztunnel.Tests.Support.BackendHarness;

namespace Encryption.Ztunnel.Tests;

/// <summary>
/// Kubernetes pods carry no network-namespace path: the agent finds it from a process in the pod's cgroup. One class,
/// so that tests scanning every pod on this host never run beside another test's pod sandbox.
/// </summary>
public sealed class PodNamespacesTests
{
    private const string Uid = "0a1b2c3d-4e5f-6789-abcd-ef0123456789";

    [Theory]
    [InlineData("0::/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod0a1b2c3d_4e5f_6789_abcd_ef0123456789.slice/cri-containerd-4f1e.scope")]
    [InlineData("0::/kubepods.slice/kubepods-pod0a1b2c3d_4e5f_6789_abcd_ef0123456789.slice/crio-77aa.scope")]
    [InlineData("12:pids:/kubepods/burstable/pod0a1b2c3d-4e5f-6789-abcd-ef0123456789/9b2c\n11:memory:/kubepods/burstable/pod0a1b2c3d-4e5f-6789-abcd-ef0123456789/9b2c\n0::/")]
    [InlineData("0::/kubepods/pod0a1b2c3d-4e5f-6789-abcd-ef0123456789/sandbox")]
    [InlineData("0::/kubepods/besteffort/pod0A1B2C3D-4E5F-6789-ABCD-EF0123456789")]
    public void ThePodUidIsReadFromTheKubeletsCgroupNamesWithEitherDriver(string cgroup)
    {
        Assert.Equal(Uid, PodCgroup.PodUid(cgroup));
    }

    [Theory]
    [InlineData("0::/system.slice/containerd.service")]
    [InlineData("0::/")]
    [InlineData("0::/kubepods/besteffort/podnot-a-uid/x")]
    [InlineData("0::/user.slice/pod0a1b2c3d-4e5f-6789-abcd-ef0123456789x/app")]
    public void AProcessOutsideAnyPodCgroupHasNoPod(string cgroup)
    {
        Assert.Null(PodCgroup.PodUid(cgroup));
    }

    [Fact]
    public void OnlyLocalPodsWithoutAPathAndNotOnTheHostNetworkAreLookedUp()
    {
        var finder = new RecordingFinder(new Dictionary<string, string> { ["uid-cart"] = "/proc/42/ns/net" });
        var snapshot = Snapshot([("shop", true)],
            Pod("shop", "cart", "node-1", "10.1.0.5") with { NetworkNamespacePath = null },
            Pod("shop", "lost", "node-1", "10.1.0.6") with { NetworkNamespacePath = null },
            Pod("shop", "known", "node-1", "10.1.0.7", "/run/netns/known"),
            Pod("shop", "host", "node-1", "192.168.100.1") with { NetworkNamespacePath = null, HostNetwork = true },
            Pod("shop", "remote", "node-2", "10.2.0.5"));

        var filled = LocalPodNamespaces.Fill(snapshot, finder);

        Assert.Equal(["uid-cart", "uid-lost"], Assert.Single(finder.Asked).Order(StringComparer.Ordinal));
        Assert.Equal("/proc/42/ns/net", filled.Pods["shop/cart"].NetworkNamespacePath);
        Assert.Null(filled.Pods["shop/lost"].NetworkNamespacePath);
        Assert.Equal("/run/netns/known", filled.Pods["shop/known"].NetworkNamespacePath);
        Assert.Null(filled.Pods["shop/remote"].NetworkNamespacePath);
    }

    [Fact]
    public void WhenEveryLocalPodHasAPathNothingIsLookedUp()
    {
        var finder = new RecordingFinder([]);
        var snapshot = Snapshot([("shop", true)], Pod("shop", "cart", "node-1", "10.1.0.5", "/run/netns/cart"));

        Assert.Same(snapshot, LocalPodNamespaces.Fill(snapshot, finder));
        Assert.Empty(finder.Asked);
    }

    [Fact]
    public void ProcfsFindsThePodsNamespaceThroughAProcessInItsCgroup()
    {
        using var netns = TestNetns.Create();
        using var pod = PodSandbox.Start(netns);
        using var other = PodSandbox.Start(netns);

        var found = new ProcfsPodNamespaces("/proc").Find(ImmutableHashSet.Create(pod.Uid));

        var path = Assert.Single(found, f => f.Key == pod.Uid).Value;
        Assert.Equal($"/proc/{pod.Pid}/ns/net", path);
        Assert.Equal(TestNetns.Inode(netns.Path), TestNetns.Inode(path));
    }

    [Fact]
    public void APodFoundOnceIsCheckedWithoutWalkingProcAgainAndLookedUpAfreshWhenItsProcessIsGone()
    {
        using var netns = TestNetns.Create();
        var finder = new ProcfsPodNamespaces("/proc");
        string uid;
        using (var pod = PodSandbox.Start(netns))
        {
            uid = pod.Uid;
            var first = finder.Find(ImmutableHashSet.Create(uid));
            var second = finder.Find(ImmutableHashSet.Create(uid));

            Assert.Equal(first, second);
            Assert.Equal(1, finder.Scans);
        }

        Assert.Empty(finder.Find(ImmutableHashSet.Create(uid)));
        Assert.Equal(2, finder.Scans);
    }

    [Fact]
    public void APodNotRunningYetIsLookedForAgainOnlyAfterTheRetryPeriod()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));
        var finder = new ProcfsPodNamespaces("/proc", time);
        var pending = ImmutableHashSet.Create(Guid.NewGuid().ToString());

        Assert.Empty(finder.Find(pending));
        Assert.Empty(finder.Find(pending));
        Assert.Equal(1, finder.Scans);
        Assert.Empty(finder.Find(pending.Add(Guid.NewGuid().ToString())));
        Assert.Equal(2, finder.Scans);
        time.Advance(ProcfsPodNamespaces.MissingRetry);
        Assert.Empty(finder.Find(pending));
        Assert.Equal(3, finder.Scans);
    }

    [Fact]
    public void AProcessOfThePodThatSharesTheHostsNamespaceIsNotTakenForThePods()
    {
        using var hostNetwork = PodSandbox.Start(netns: null);

        Assert.Empty(new ProcfsPodNamespaces("/proc").Find(ImmutableHashSet.Create(hostNetwork.Uid)));
    }

    [Fact]
    public async Task AKubernetesPodIsHandedToZtunnelWithTheNamespaceFoundUnderProcfs()
    {
        using var netns = TestNetns.Create();
        using var sandbox = PodSandbox.Start(netns);
        await using var harness = await StartAsync(new NftablesInPodRedirection(), procfs: "/proc");
        using var ztunnel = await ZdsTestClient.ConnectAsync(harness.ZdsSocket);
        Assert.Empty(ztunnel.ReceiveSnapshot());
        var pod = Pod("shop", "cart", "node-1", "10.1.0.5") with { Uid = sandbox.Uid, NetworkNamespacePath = null };

        await harness.Backend.ApplyAsync(Snapshot([("shop", true)], pod), CancellationToken.None);

        var (add, fd) = ztunnel.Receive();
        Assert.Equal(sandbox.Uid, add.Add.Uid);
        Assert.Equal(TestNetns.Inode(netns.Path), TestNetns.Inode($"/proc/{Environment.ProcessId}/fd/{fd}"));
        Assert.True(InPodRedirectionTests.RulesPresent(netns), "the in-pod rules are in the pod's namespace");
        ztunnel.Ack();
    }

    [Fact]
    public async Task LeavingZtunnelRemovesTheInPodRulesFromEveryPodRunningHere()
    {
        using var netns = TestNetns.Create();
        using var sandbox = PodSandbox.Start(netns);
        var rules = new NftablesInPodRedirection();
        await rules.InstallAsync(netns.Path, CancellationToken.None);
        Assert.True(InPodRedirectionTests.RulesPresent(netns));

        var removed = await new ZtunnelLeftovers("/proc").RemoveAsync(CancellationToken.None);

        Assert.Equal(["in-pod redirection rules in 1 pod network namespaces"], removed);
        Assert.True(InPodRedirectionTests.RulesAbsent(netns), "the rules are gone from the pod");
        Assert.Empty(await new ZtunnelLeftovers("/proc").RemoveAsync(CancellationToken.None));
    }

    private sealed class RecordingFinder(Dictionary<string, string> known) : IPodNamespaceFinder
    {
        public List<IReadOnlySet<string>> Asked { get; } = [];

        public IReadOnlyDictionary<string, string> Find(IReadOnlySet<string> podUids)
        {
            Asked.Add(podUids);
            return known.Where(k => podUids.Contains(k.Key)).ToDictionary(k => k.Key, k => k.Value);
        }
    }
}
