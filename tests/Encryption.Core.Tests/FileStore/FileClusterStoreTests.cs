using Encryption.Core.Cluster;
using Encryption.Core.FileStore;
using Encryption.Core.Tests.Support;

namespace Encryption.Core.Tests.FileStore;

public sealed class FileClusterStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new();
    private readonly ListLogger _log = new();

    public void Dispose() => _dir.Dispose();

    private FileClusterStore Store(bool watch = true, ListLogger? log = null) =>
        new(_dir.Path, _time, log ?? _log, new FileStoreOptions { Watch = watch, RescanInterval = TimeSpan.FromSeconds(10) });

    private void WriteNode(Node node) => File.WriteAllBytes(_dir.Combine(node.Name + ".json"), Documents.Bytes(node));

    [Fact]
    public async Task AddUpdateAndDeleteOfDocumentsAreSeenAsChanges()
    {
        using var store = Store(watch: false);
        await using var recorder = new ChangeRecorder(store);
        var n1 = Documents.Node("n1");
        var n1b = n1 with { IPsecKeyId = 4 };

        WriteNode(n1);
        await store.RescanAsync(CancellationToken.None);
        WriteNode(n1b);
        await store.RescanAsync(CancellationToken.None);
        File.Delete(_dir.Combine("n1.json"));
        await store.RescanAsync(CancellationToken.None);

        await Eventually.True(() => recorder.Changes.Count == 3, "three changes");
        Assert.Equal(
            new ClusterChange[] { new ClusterChange.NodeChanged(null, n1), new ClusterChange.NodeChanged(n1, n1b), new ClusterChange.NodeChanged(n1b, null) },
            recorder.Changes);
        Assert.Empty(store.Current.Nodes);
    }

    [Fact]
    public async Task ATornDocumentIsSkippedAndReportedWithoutLosingTheOtherNodes()
    {
        using var store = Store(watch: false);
        var n1 = Documents.Node("n1");
        var n2 = Documents.Node("n2", 2);
        WriteNode(n1);
        WriteNode(n2);
        await store.RescanAsync(CancellationToken.None);

        File.WriteAllText(_dir.Combine("n2.json"), """{"name": "n2", "ipv4": "192.16""");
        File.WriteAllText(_dir.Combine("n3.json"), "");
        await store.RescanAsync(CancellationToken.None);

        Assert.Equal(new[] { "n1", "n2" }, store.Current.Nodes.Keys);
        Assert.Equal(n2, store.Current.Nodes["n2"]);
        Assert.Equal(new[] { _dir.Combine("n2.json"), _dir.Combine("n3.json") }, store.Problems.Select(p => p.Path));
        Assert.Equal("empty document", store.Problems[1].Reason);
        var logged = _log.Entries.Where(e => e.Id.Id == 1200).Select(e => e.Message).ToList();
        Assert.Equal(2, logged.Count);
        Assert.StartsWith($"Skipping cluster store document {_dir.Combine("n2.json")}: not valid JSON", logged[0], StringComparison.Ordinal);

        await store.RescanAsync(CancellationToken.None);
        Assert.Equal(2, _log.Entries.Count(e => e.Id.Id == 1200));
    }

    [Fact]
    public async Task PublishWritesTheLocalDocumentAtomicallyAndShowsItAtOnce()
    {
        using var store = Store(watch: false);
        await using var recorder = new ChangeRecorder(store);
        var local = Documents.Node("n1", publicKey: "pub=");

        await store.PublishLocalNodeAsync(local, CancellationToken.None);

        var path = _dir.Combine("n1.json");
        Assert.Equal(Documents.Bytes(local), File.ReadAllBytes(path));
        if (OperatingSystem.IsLinux())
            Assert.Equal(AtomicFileMode, File.GetUnixFileMode(path));
        Assert.Equal(["n1.json"], Directory.GetFiles(_dir.Path).Select(Path.GetFileName));
        Assert.Equal(local, store.Current.Nodes["n1"]);
        await Eventually.True(() => recorder.Changes.Count == 1, "publish change");
        Assert.Equal(new ClusterChange.NodeChanged(null, local), recorder.Changes[0]);
    }

    private const UnixFileMode AtomicFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    [Fact]
    public async Task PublishingTheSameNodeAgainWritesNothing()
    {
        using var store = Store(watch: false);
        var local = Documents.Node("n1");

        await store.PublishLocalNodeAsync(local, CancellationToken.None);
        var written = File.GetLastWriteTimeUtc(_dir.Combine("n1.json"));
        await store.PublishLocalNodeAsync(local, CancellationToken.None);
        await store.RescanAsync(CancellationToken.None);

        Assert.Single(_log.Entries, e => e.Id.Id == 1204);
        Assert.Equal(written, File.GetLastWriteTimeUtc(_dir.Combine("n1.json")));
    }

    [Fact]
    public async Task ALocalDocumentThatIsDeletedOrOverwrittenIsRestoredWithoutFlapping()
    {
        using var store = Store(watch: false);
        await using var recorder = new ChangeRecorder(store);
        var local = Documents.Node("n1");
        await store.PublishLocalNodeAsync(local, CancellationToken.None);

        File.Delete(_dir.Combine("n1.json"));
        await store.RescanAsync(CancellationToken.None);
        Assert.Equal(Documents.Bytes(local), File.ReadAllBytes(_dir.Combine("n1.json")));

        WriteNode(local with { IPsecKeyId = 9 });
        await store.RescanAsync(CancellationToken.None);
        Assert.Equal(Documents.Bytes(local), File.ReadAllBytes(_dir.Combine("n1.json")));

        Assert.Equal(2, _log.Entries.Count(e => e.Id.Id == 1205));
        await Eventually.True(() => recorder.Changes.Count >= 1, "the first publish's change");
        await Task.Delay(50); // room for a flap (a removal or a second change) to show up, were it reported
        Assert.Single(recorder.Changes);
    }

    [Fact]
    public async Task TwoStoresOnOneDirectorySeeEachOther()
    {
        using var a = Store();
        using var b = Store(log: new ListLogger());
        using var stop = new CancellationTokenSource();
        var runs = new[] { a.RunAsync(stop.Token), b.RunAsync(stop.Token) };
        var na = Documents.Node("node-a", 1);
        var nb = Documents.Node("node-b", 2);

        await a.PublishLocalNodeAsync(na, CancellationToken.None);
        await b.PublishLocalNodeAsync(nb, CancellationToken.None);

        await Eventually.True(() => a.Current.Nodes.Count == 2 && b.Current.Nodes.Count == 2, "both stores see both nodes");
        Assert.Equal(nb, a.Current.Nodes["node-b"]);
        Assert.Equal(na, b.Current.Nodes["node-a"]);
        Assert.Equal(nb, a.Current.For(na).Remotes.Values.Single());

        await b.PublishLocalNodeAsync(nb with { IPsecKeyId = 4 }, CancellationToken.None);
        await Eventually.True(() => a.Current.Nodes["node-b"].IPsecKeyId == 4, "a sees b's update");

        await stop.CancelAsync();
        await Task.WhenAll(runs);
    }

    [Fact]
    public async Task TheWatcherSeesAChangeWithoutWaitingForTheRescan()
    {
        using var store = Store(watch: true);
        using var stop = new CancellationTokenSource();
        var run = store.RunAsync(stop.Token);
        await Eventually.True(() => _log.Entries.Any(e => e.Id.Id == 1202), "initial list");

        WriteNode(Documents.Node("n1"));

        await Eventually.True(() => store.Current.Nodes.ContainsKey("n1"), "watcher picked up n1");
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task ThePeriodicRescanIsASafetyNetWhenNothingIsWatched()
    {
        using var store = Store(watch: false);
        using var stop = new CancellationTokenSource();
        var run = store.RunAsync(stop.Token);
        await Eventually.True(() => _time.ActiveTimers == 1, "waiting for the rescan timer");

        WriteNode(Documents.Node("n1"));
        await Task.Delay(100);
        Assert.Empty(store.Current.Nodes);

        _time.Advance(TimeSpan.FromSeconds(10));
        await Eventually.True(() => store.Current.Nodes.ContainsKey("n1"), "rescan picked up n1");
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task SubscribersGetResyncedAfterTheInitialListAndLateSubscribersAtOnce()
    {
        WriteNode(Documents.Node("n1"));
        using var store = Store(watch: false);
        await using var early = new ChangeRecorder(store);
        using var stop = new CancellationTokenSource();
        var run = store.RunAsync(stop.Token);

        await Eventually.True(() => early.Changes.Count == 1, "early subscriber resynced");
        Assert.IsType<ClusterChange.Resynced>(early.Changes[0]);
        Assert.True(store.Current.Nodes.ContainsKey("n1"));

        await using var late = new ChangeRecorder(store);
        await Eventually.True(() => late.Changes.Count == 1, "late subscriber resynced");
        Assert.IsType<ClusterChange.Resynced>(late.Changes[0]);

        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task NamespacesAndPodsAreRead()
    {
        _dir.Write("namespaces/default.json", """{"name":"default","labels":{"io.cilium/mtls-enabled":"true"}}""");
        _dir.Write("pods/default_client.json", """{"namespace":"default","name":"client","uid":"u1","nodeName":"n1","ips":["10.1.0.10"]}""");
        using var store = Store(watch: false);

        await store.RescanAsync(CancellationToken.None);

        Assert.Equal("true", store.Current.Namespaces["default"].Labels[WellKnown.ZtunnelEnrollmentLabel]);
        Assert.Equal("n1", store.Current.Pods["default/client"].NodeName);
    }

    [Fact]
    public async Task ReadersNeverSeeATornLocalDocument()
    {
        using var store = Store(watch: false);
        var path = _dir.Combine("n1.json");
        await store.PublishLocalNodeAsync(Documents.Node("n1"), CancellationToken.None);
        using var stop = new CancellationTokenSource();
        var torn = 0;
        var reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var content = File.ReadAllBytes(path);
                if (FileStoreJson.Decode<NodeDocument>(content).Problem is not null)
                    Interlocked.Increment(ref torn);
            }
        });

        for (var i = 0; i < 200; i++)
            await store.PublishLocalNodeAsync(Documents.Node("n1") with { NodeId = (ushort)i, Labels = Documents.Node("n1").Labels.Add("pad", new string('x', i * 7)) }, CancellationToken.None);
        await stop.CancelAsync();
        await reader;

        Assert.Equal(0, torn);
    }

    [Theory]
    [InlineData("")]
    [InlineData("../escape")]
    [InlineData(".hidden")]
    public async Task ANodeNameThatCannotBeAFileNameIsRefused(string name)
    {
        using var store = Store(watch: false);

        await Assert.ThrowsAsync<ArgumentException>(() => store.PublishLocalNodeAsync(new Node { Name = name }, CancellationToken.None));
    }
}
