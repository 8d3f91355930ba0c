using Encryption.Ztunnel.Enrollment;
using Encryption.Ztunnel.Protos.Zds;
using Encryption.Ztunnel.Tests.Support;
using static Encryption.Ztunnel.Tests.Support.BackendHarness;

namespace Encryption.Ztunnel.Tests;

/// <summary>The backend end to end on this host: snapshot → rules in a real pod netns → ZDS Add with that netns → label removed → Del, rules gone.</summary>
public sealed class BackendEnrollmentTests : IDisposable
{
    private readonly TestNetns podNetns = TestNetns.Create();

    [Fact]
    public async Task EnrollingANamespaceInstallsRulesBeforeHandingThePodOverAndRemovingTheLabelUndoesBoth()
    {
        await using var harness = await StartAsync(new NftablesInPodRedirection());
        var cart = Pod("shop", "cart", "node-1", "10.1.0.5", podNetns.Path);
        using var ztunnel = await ZdsTestClient.ConnectAsync(harness.ZdsSocket);
        Assert.Empty(ztunnel.ReceiveSnapshot());

        await harness.Backend.ApplyAsync(Snapshot([("shop", true)], cart), CancellationToken.None);

        var (add, fd) = ztunnel.Receive();
        Assert.True(InPodRedirectionTests.RulesPresent(podNetns), "rules must be in place when ztunnel gets the pod");
        Assert.Equal("uid-cart", add.Add.Uid);
        Assert.Equal(TestNetns.Inode(podNetns.Path), TestNetns.Inode($"/proc/{Environment.ProcessId}/fd/{fd}"));
        ztunnel.Ack();

        await harness.Backend.ApplyAsync(Snapshot([("shop", false)], cart), CancellationToken.None);

        var (del, _) = ztunnel.Receive();
        Assert.Equal(WorkloadRequest.PayloadOneofCase.Del, del.PayloadCase);
        Assert.Equal("uid-cart", del.Del.Uid);
        Assert.True(InPodRedirectionTests.RulesAbsent(podNetns), "rules must be gone before ztunnel is told to delete");
        ztunnel.Ack();
    }

    [Fact]
    public async Task ReconnectingZtunnelGetsTheEnrolledPodAgainWithItsNetns()
    {
        await using var harness = await StartAsync(new NftablesInPodRedirection());
        await harness.Backend.ApplyAsync(Snapshot([("shop", true)], Pod("shop", "cart", "node-1", "10.1.0.5", podNetns.Path)), CancellationToken.None);

        for (var connection = 0; connection < 2; connection++)
        {
            using var ztunnel = await ZdsTestClient.ConnectAsync(harness.ZdsSocket);
            var snapshot = ztunnel.ReceiveSnapshot();
            var (add, fd) = Assert.Single(snapshot);
            Assert.Equal("uid-cart", add.Add.Uid);
            Assert.Equal(TestNetns.Inode(podNetns.Path), TestNetns.Inode($"/proc/{Environment.ProcessId}/fd/{fd}"));
        }
    }

    [Fact]
    public async Task CaSignsOnlyForPodsHandedOverOnThisNode()
    {
        await using var harness = await StartAsync(new NftablesInPodRedirection());
        await harness.Backend.ApplyAsync(
            Snapshot([("shop", true)], Pod("shop", "cart", "node-1", "10.1.0.5", podNetns.Path), Pod("shop", "web", "node-2", "10.2.0.5")),
            CancellationToken.None);

        Assert.Equal(["spiffe://cluster.local/ns/shop/sa/cart"], harness.Backend.Identities.Current.Select(i => i.ToString()));
    }

    [Fact]
    public async Task StatusSaysPlainlyThatTheDataPathIsNotExercisedWithoutZtunnel()
    {
        await using var harness = await StartAsync(new NftablesInPodRedirection());
        await harness.Backend.ApplyAsync(Snapshot([("shop", true)], Pod("shop", "cart", "node-1", "10.1.0.5", podNetns.Path)), CancellationToken.None);

        var status = await harness.Backend.GetStatusAsync(CancellationToken.None);

        Assert.Equal(Core.Backends.HealthState.Degraded, status.Health);
        Assert.Contains("Encryption: Ztunnel", status.Text, StringComparison.Ordinal);
        Assert.Contains("Data path: NOT exercised: no ztunnel is connected", status.Text, StringComparison.Ordinal);
        Assert.Contains("Local pods with in-pod rules: 1/1, queued for ztunnel (none connected)", status.Text, StringComparison.Ordinal);
        Assert.False((bool)status.Json["ztunnel"]!["data-path-exercised"]!);
    }

    public void Dispose() => podNetns.Dispose();
}
