using Encryption.Core.Cluster;
using Encryption.Core.FileStore;

namespace Encryption.Core.Tests.FileStore;

public class FileStoreIndexTests
{
    private static readonly FileStoreLayout Layout = new("/store");
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly FileStoreIndex _index = new(Layout);

    private static Dictionary<string, byte[]> Files(params (string Path, byte[] Content)[] files) => files.ToDictionary(f => f.Path, f => f.Content);

    [Fact]
    public void AnAddedDocumentIsANodeAddedChange()
    {
        var n1 = Documents.Node("n1");

        var update = _index.ApplyScan(Files(("/store/n1.json", Documents.Bytes(n1))), T0);

        Assert.Equal([new ClusterChange.NodeChanged(null, n1)], update.Changes.ToArray());
        Assert.Equal(n1, _index.View.Nodes["n1"]);
    }

    [Fact]
    public void AChangedDocumentIsANodeUpdatedChangeWithOldAndNew()
    {
        var old = Documents.Node("n1");
        var updated = old with { IPsecKeyId = 4 };
        _index.ApplyScan(Files(("/store/n1.json", Documents.Bytes(old))), T0);

        var update = _index.ApplyScan(Files(("/store/n1.json", Documents.Bytes(updated))), T0);

        Assert.Equal([new ClusterChange.NodeChanged(old, updated)], update.Changes.ToArray());
    }

    [Fact]
    public void ADeletedDocumentIsANodeRemovedChange()
    {
        var n1 = Documents.Node("n1");
        _index.ApplyScan(Files(("/store/n1.json", Documents.Bytes(n1))), T0);

        var update = _index.ApplyScan(Files(), T0);

        Assert.Equal([new ClusterChange.NodeChanged(n1, null)], update.Changes.ToArray());
        Assert.Empty(_index.View.Nodes);
    }

    [Fact]
    public void AnUnchangedOrMerelyReformattedDocumentIsNoChange()
    {
        _index.ApplyScan(Files(("/store/n1.json", Documents.Text("""{"name":"n1","ipv4":"192.168.100.1"}"""))), T0);

        Assert.True(_index.ApplyScan(Files(("/store/n1.json", Documents.Text("""{"name":"n1","ipv4":"192.168.100.1"}"""))), T0).IsEmpty);
        Assert.True(_index.ApplyScan(Files(("/store/n1.json", Documents.Text("""{ "ipv4": "192.168.100.1", "name": "n1" }"""))), T0).IsEmpty);
    }

    [Fact]
    public void ATornDocumentIsAProblemAndItsLastValidVersionStays()
    {
        var n1 = Documents.Node("n1");
        var n2 = Documents.Node("n2", 2);
        _index.ApplyScan(Files(("/store/n1.json", Documents.Bytes(n1)), ("/store/n2.json", Documents.Bytes(n2))), T0);

        var torn = Documents.Bytes(n2)[..40];
        var update = _index.ApplyScan(Files(("/store/n1.json", Documents.Bytes(n1)), ("/store/n2.json", torn)), T0.AddSeconds(1));

        Assert.Empty(update.Changes);
        var problem = Assert.Single(update.NewProblems);
        Assert.Equal("/store/n2.json", problem.Path);
        Assert.StartsWith("not valid JSON", problem.Reason, StringComparison.Ordinal);
        Assert.Equal([problem], _index.Problems.ToArray());
        Assert.Equal([n1, n2], _index.View.Nodes.Values);
    }

    [Fact]
    public void AProblemIsReportedOnceAndResolvedWhenTheDocumentIsFixed()
    {
        _index.ApplyScan(Files(("/store/n1.json", Documents.Text("garbage"))), T0);
        var again = _index.ApplyScan(Files(("/store/n1.json", Documents.Text("garbage!"))), T0.AddSeconds(5));
        Assert.Empty(again.NewProblems);
        Assert.Equal(T0, Assert.Single(_index.Problems).Since);

        var n1 = Documents.Node("n1");
        var fixedUpdate = _index.ApplyScan(Files(("/store/n1.json", Documents.Bytes(n1))), T0.AddSeconds(6));

        Assert.Equal(["/store/n1.json"], fixedUpdate.Resolved.ToArray());
        Assert.Equal([new ClusterChange.NodeChanged(null, n1)], fixedUpdate.Changes.ToArray());
        Assert.Empty(_index.Problems);
    }

    [Fact]
    public void DeletingAnInvalidDocumentResolvesItsProblem()
    {
        _index.ApplyScan(Files(("/store/n1.json", Documents.Text("garbage"))), T0);

        var update = _index.ApplyScan(Files(), T0);

        Assert.Equal(["/store/n1.json"], update.Resolved.ToArray());
        Assert.Empty(update.Changes);
    }

    [Fact]
    public void ADocumentWhoseNameDoesNotMatchItsFileIsAProblem()
    {
        var update = _index.ApplyScan(Files(("/store/n1.json", Documents.Bytes(Documents.Node("n2")))), T0);

        Assert.Equal("name 'n2' does not match the file name (expected 'n1')", Assert.Single(update.NewProblems).Reason);
        Assert.Empty(_index.View.Nodes);
    }

    [Fact]
    public void NamespacesAndPodsLiveInTheirSubdirectories()
    {
        var ns = Documents.Namespace("default");
        var pod = Documents.Pod("default", "client", "n1");

        var update = _index.ApplyScan(Files(("/store/namespaces/default.json", Documents.Bytes(ns)), ("/store/pods/default_client.json", Documents.Bytes(pod))), T0);

        Assert.Equal([new ClusterChange.NamespaceChanged(null, ns), new ClusterChange.PodChanged(null, pod)], update.Changes.ToArray());
        Assert.Equal(ns, _index.View.Namespaces["default"]);
        Assert.Equal(pod, _index.View.Pods["default/client"]);
    }

    [Fact]
    public void APodFileMustBeNamedNamespaceUnderscoreName()
    {
        var update = _index.ApplyScan(Files(("/store/pods/client.json", Documents.Bytes(Documents.Pod("default", "client", "n1")))), T0);

        Assert.Equal("namespace/name 'default/client' does not match the file name (expected 'default_client')", Assert.Single(update.NewProblems).Reason);
    }

    [Theory]
    [InlineData("/store/.n1.json.0123.tmp")]
    [InlineData("/store/n1.yaml")]
    [InlineData("/store/other/n1.json")]
    [InlineData("/elsewhere/n1.json")]
    public void FilesOutsideTheLayoutAreIgnored(string path) =>
        Assert.True(_index.ApplyScan(Files((path, Documents.Text("garbage"))), T0).IsEmpty);
}
