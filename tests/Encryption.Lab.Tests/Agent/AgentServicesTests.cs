using Encryption.Agent.Backends;
using Encryption.Agent.LocalNode;
using Encryption.Agent.Services;
using Encryption.Agent.State;
using Encryption.Core.Cluster;
using Encryption.Core.Configuration;
using Encryption.Core.Tests.Support;
using Encryption.Lab.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using System.Net;

namespace Encryption.Lab.Tests.Agent;

/// <summary>The agent's apply loop and local-node publisher against an in-memory source, on a virtual clock.</summary>
public sealed class AgentServicesTests : IAsyncDisposable
{
    private static readonly TimeSpan Resync = TimeSpan.FromSeconds(30);
    private static readonly Node Self = new() { Name = "node1", IPv4 = IPAddress.Parse("192.168.100.1"), BootId = "6b27e114-6706-46d9-a4a3-81f602d582e6" };
    private static readonly Node Node2 = new() { Name = "node2", IPv4 = IPAddress.Parse("192.168.100.2") };
    private static readonly Node Node3 = new() { Name = "node3", IPv4 = IPAddress.Parse("192.168.100.3") };

    private readonly FakeTimeProvider time = new();
    private readonly MemoryClusterSource source = new();
    private readonly RecordingBackend backend = new();
    private readonly AgentState state;
    private readonly BackendStarted started = new();
    private readonly DirectoryInfo runtime = Directory.CreateTempSubdirectory("enc-agent-");
    private readonly BackendApplyService apply;
    private readonly LocalNodePublisherService publisher;

    public AgentServicesTests()
    {
        state = new AgentState(time);
        var options = EncryptionOptions.Defaults with { Agent = new AgentOptions { NodeName = "node1", ResyncInterval = Resync } };
        var local = new LocalNodeSource(Self, backend);
        var leftovers = new PreviousBackendCleanup(Path.Join(runtime.FullName, "backend"), [], NullLogger<PreviousBackendCleanup>.Instance);
        apply = new BackendApplyService(backend, leftovers, source, local, options, state, started, time, new TestLifetime(), NullLogger<BackendApplyService>.Instance);
        publisher = new LocalNodePublisherService(source, local, options, state, started, time, NullLogger<LocalNodePublisherService>.Instance);
    }

    [Fact]
    public async Task NothingIsAppliedBeforeTheSourcesFirstFullList()
    {
        await apply.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => source.Subscribers == 1, "the apply loop subscribed");

        source.Upsert(Node2);
        await Eventually.TrueAsync(() => state.Snapshot().ClusterChanges.GetValueOrDefault("node") == 1, "the node change was seen");
        time.Advance(Resync);

        Assert.Equal(0, backend.Attempts);
        Assert.Equal(0, state.Snapshot().ApplySuccesses);
    }

    [Fact]
    public async Task TheFirstListIsAppliedWithEveryOtherNodeAndTheAdvertisedLocalNode()
    {
        await apply.StartAsync(CancellationToken.None);

        source.List(Self, Node2, Node3);
        await Eventually.TrueAsync(() => state.Snapshot().ApplySuccesses >= 1, "the first apply");

        var snapshot = backend.Applied.Last();
        Assert.Equal(["node2", "node3"], snapshot.Remotes.Keys);
        Assert.Equal(3, snapshot.Local.IPsecKeyId);
        Assert.Equal(2, state.Snapshot().RemoteNodes);
    }

    [Fact]
    public async Task ANodeChangeIsAppliedAtOnce()
    {
        await apply.StartAsync(CancellationToken.None);
        source.List(Self, Node2);
        await Eventually.TrueAsync(() => state.Snapshot().ApplySuccesses >= 1, "the first apply");

        source.Upsert(Node3);
        await Eventually.TrueAsync(() => backend.Applied.Any(s => s.Remotes.ContainsKey("node3")), "node3 applied");
        source.Remove("node2");
        await Eventually.TrueAsync(() => backend.Applied.Last().Remotes.Keys.SequenceEqual(["node3"]), "node2 removal applied");
    }

    [Fact]
    public async Task AFailedApplyIsRetriedAfterTheBackoffAndTheFailureIsReported()
    {
        backend.FailuresToCome = 1;
        await apply.StartAsync(CancellationToken.None);
        source.List(Self, Node2);
        await Eventually.TrueAsync(() => state.Snapshot().ApplyFailures == 1, "the failed apply");
        Assert.Equal("apply failed (1 in a row): netlink: EPERM", state.Snapshot().Health().Problems.Single());
        await Eventually.TrueAsync(() => time.ActiveTimers >= 2, "the retry timer (beside the resync timer)");

        time.Advance(TimeSpan.FromMilliseconds(499));
        Assert.Equal(1, backend.Attempts);
        time.Advance(TimeSpan.FromMilliseconds(1));

        await Eventually.TrueAsync(() => state.Snapshot().ApplySuccesses == 1, "the retry");
        Assert.Null(state.Snapshot().LastApplyError);
        Assert.Empty(state.Snapshot().Health().Problems);
    }

    [Fact]
    public async Task APeriodicResyncReappliesWithoutAnyChange()
    {
        await apply.StartAsync(CancellationToken.None);
        source.List(Self, Node2);
        await Eventually.TrueAsync(() => state.Snapshot().ApplySuccesses == 1, "the first apply");

        time.Advance(Resync);

        await Eventually.TrueAsync(() => state.Snapshot().ApplySuccesses == 2, "the resync apply");
    }

    [Fact]
    public async Task ThePublisherWaitsUntilTheBackendHasStarted()
    {
        await publisher.StartAsync(CancellationToken.None);
        await Task.Delay(50);
        Assert.Empty(source.Published);

        started.Set();

        await Eventually.TrueAsync(() => source.Published.Count == 1, "the first publish");
    }

    [Fact]
    public async Task ThePublisherWritesTheLocalNodeWithWhatTheBackendAdvertises()
    {
        started.Set();
        await publisher.StartAsync(CancellationToken.None);

        await Eventually.TrueAsync(() => source.Published.Count == 1, "the first publish");
        Assert.Equal(3, source.Published[0].IPsecKeyId);
        Assert.Equal(Self.BootId, source.Published[0].BootId);
    }

    [Fact]
    public async Task ThePublisherRestoresItsNodeWhenTheSourceLostIt()
    {
        started.Set();
        await publisher.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => source.Published.Count == 1, "the first publish");
        await Eventually.TrueAsync(() => time.ActiveTimers >= 1, "the resync timer");

        time.Advance(Resync);
        Assert.Single(source.Published);

        source.Remove("node1");
        time.Advance(Resync);
        await Eventually.TrueAsync(() => source.Published.Count == 2, "the node republished");
    }

    public async ValueTask DisposeAsync()
    {
        await apply.StopAsync(CancellationToken.None);
        await publisher.StopAsync(CancellationToken.None);
        apply.Dispose();
        publisher.Dispose();
        runtime.Delete(recursive: true);
    }
}
