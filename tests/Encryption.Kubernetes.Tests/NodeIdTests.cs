using System.Collections.Immutable;
using System.Net;
using System.Text.Json.Nodes;
using Encryption.Core.Cluster;
using Encryption.Kubernetes.Cluster;
using Encryption.Kubernetes.Models;
using Encryption.Kubernetes.Tests.ApiServer;
using Encryption.Kubernetes.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Encryption.Kubernetes.Tests;

/// <summary>The cluster-wide node ID, kept on the CiliumNode as annotation encryption.cilium.io/node-id.</summary>
public sealed class NodeIdTests
{
    private const string Annotation = CiliumNodeMapper.NodeIdAnnotation;

    private static JsonObject CiliumNode(string name, string ipv4, string? nodeId = null, string? wgKey = null)
    {
        var node = Objects.CiliumNode(name, ipv4, podCidr: "10.1.0.0/24", bootId: "boot-" + name, keyId: 3, wgKey: wgKey);
        if (nodeId is not null)
        {
            var metadata = node["metadata"]!.AsObject();
            if (metadata["annotations"] is not JsonObject annotations)
                metadata["annotations"] = annotations = new JsonObject();
            annotations[Annotation] = nodeId;
        }

        return node;
    }

    private static CiliumNode Model(string? nodeId) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = "n",
            Annotations = nodeId is null ? null : new Dictionary<string, string> { [Annotation] = nodeId },
        },
    };

    /// <summary>The agent's view of its node, the way it builds it from options and its backend.</summary>
    private static Node Advertised(ushort nodeId, byte keyId = 3, string? wgKey = null, string bootId = "boot-node-a") => new()
    {
        Name = "node-a",
        IPv4 = IPAddress.Parse("192.168.100.99"), // from agent options: not what Cilium wrote, and not the agent's to publish
        PodCidrs = [IPNetwork.Parse("10.99.0.0/24")],
        BootId = bootId,
        NodeId = nodeId,
        IPsecKeyId = keyId,
        Annotations = wgKey is null
            ? ImmutableDictionary<string, string>.Empty
            : ImmutableDictionary<string, string>.Empty.Add(WellKnown.WireGuardPublicKeyAnnotation, wgKey),
    };

    /// <summary>The agent's drift check: does the published node say everything the source publishes of <paramref name="advertised"/>?</summary>
    private static bool Covers(KubernetesClusterSource source, Node advertised)
    {
        var publishable = source.Publishable(advertised);
        return source.Current.Nodes.TryGetValue(advertised.Name, out var published)
            && (publishable.IPv4 is null || publishable.IPv4.Equals(published.IPv4))
            && publishable.PodCidrs.IsEmpty
            && (publishable.BootId is null || publishable.BootId == published.BootId)
            && (publishable.NodeId == 0 || publishable.NodeId == published.NodeId)
            && publishable.IPsecKeyId == published.IPsecKeyId
            && publishable.Annotations.All(a => published.Annotations.GetValueOrDefault(a.Key) == a.Value);
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("7", 7)]
    [InlineData("65535", 65535)]
    [InlineData("007", 7)]
    public void TheAnnotationGivesTheNodeId(string text, int expected)
    {
        Assert.Equal(expected, CiliumNodeMapper.ToNode(Model(text)).NodeId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("65536")]
    [InlineData("-1")]
    [InlineData("+7")]
    [InlineData(" 7")]
    [InlineData("0x10")]
    [InlineData("seven")]
    public void AMissingOrInvalidAnnotationLeavesTheNodeIdUnassigned(string? text)
    {
        var node = CiliumNodeMapper.ToNode(Model(text));

        Assert.Equal(0, node.NodeId);
        Assert.False(CiliumNodeMapper.TryParseNodeId(text, out _));
    }

    [Fact]
    public async Task AnInvalidNodeIdIsIgnoredWithOneWarningPerValue()
    {
        await using var harness = await Harness.StartAsync();
        harness.Server.Put(ApiResource.CiliumNodes, CiliumNode("node-a", "192.168.100.1", nodeId: "70000"));
        harness.Server.Put(ApiResource.CiliumNodes, CiliumNode("node-b", "192.168.100.2", nodeId: "12"));
        var logs = new RecordingLoggerFactory();
        await using var run = await Running.StartAsync(harness, logs);

        Assert.Equal(0, run.Source.Current.Nodes["node-a"].NodeId);
        Assert.Equal(12, run.Source.Current.Nodes["node-b"].NodeId);
        var warning = Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning);
        Assert.Equal(4145, warning.Id);
        Assert.Contains("node-a", warning.Message);
        Assert.Contains($"{Annotation}='70000'", warning.Message);

        // A status update of the same node does not warn again; a new invalid value does; a fix maps.
        var a = harness.Server.Store.Get(ApiResource.CiliumNodes, null, "node-a")!.DeepClone().AsObject();
        a["metadata"]!["labels"] = new JsonObject { ["touched"] = "1" };
        harness.Server.Put(ApiResource.CiliumNodes, a);
        await Eventually.True(() => run.Source.Current.Nodes["node-a"].Labels.ContainsKey("touched"), "the label update");
        Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning);

        a = a.DeepClone().AsObject();
        a["metadata"]!["annotations"]![Annotation] = "x1";
        a["metadata"]!["labels"] = new JsonObject { ["touched"] = "2" };
        harness.Server.Put(ApiResource.CiliumNodes, a);
        await Eventually.True(() => logs.Entries.Count(e => e.Level == LogLevel.Warning) == 2, "a warning about the new value");

        a = a.DeepClone().AsObject();
        a["metadata"]!["annotations"]![Annotation] = "21";
        harness.Server.Put(ApiResource.CiliumNodes, a);
        await Eventually.True(() => run.Source.Current.Nodes["node-a"].NodeId == 21, "the valid node ID");
        Assert.Equal(2, logs.Entries.Count(e => e.Level == LogLevel.Warning));
    }

    [Fact]
    public async Task PublishWritesTheNodeIdAnnotationAndTheWatchReadsItBack()
    {
        await using var harness = await Harness.StartAsync();
        harness.Server.Put(ApiResource.CiliumNodes, CiliumNode("node-a", "192.168.100.1"));
        var source = await harness.StartSourceAsync("node-a");

        await source.PublishLocalNodeAsync(Advertised(nodeId: 42), default);

        var stored = harness.Server.Store.Get(ApiResource.CiliumNodes, null, "node-a")!;
        Assert.Equal("42", (string?)stored["metadata"]!["annotations"]![Annotation]);
        Assert.Equal("192.168.100.1", (string?)stored["spec"]!["addresses"]![1]!["ip"]);
        Assert.Equal("10.1.0.0/24", (string?)stored["spec"]!["ipam"]!["podCIDRs"]![0]);
        await Eventually.True(() => source.Current.Nodes["node-a"].NodeId == 42, "the watch to show the node ID");
    }

    [Fact]
    public async Task AnAgentWithoutANodeIdLeavesTheAnnotationAndUsesIt()
    {
        await using var harness = await Harness.StartAsync();
        harness.Server.Put(ApiResource.CiliumNodes, CiliumNode("node-a", "192.168.100.1", nodeId: "5"));
        var source = await harness.StartSourceAsync("node-a");

        await source.PublishLocalNodeAsync(Advertised(nodeId: 0, keyId: 4), default);

        var stored = harness.Server.Store.Get(ApiResource.CiliumNodes, null, "node-a")!;
        Assert.Equal("5", (string?)stored["metadata"]!["annotations"]![Annotation]);
        await Eventually.True(() => source.Current.Nodes["node-a"].IPsecKeyId == 4, "the published key");
        Assert.Equal(5, source.Current.Nodes["node-a"].NodeId);
    }

    [Fact]
    public async Task EveryResyncAfterThePublishFindsNoDriftAndPatchesNothing()
    {
        await using var harness = await Harness.StartAsync();
        harness.Server.Put(ApiResource.CiliumNodes, CiliumNode("node-a", "192.168.100.1"));
        var source = await harness.StartSourceAsync("node-a");
        var local = Advertised(nodeId: 42, keyId: 5, wgKey: Objects.WgKeyB);
        Assert.False(Covers(source, local));

        await source.PublishLocalNodeAsync(local, default);
        await Eventually.True(() => Covers(source, local), "the watch to show everything published");

        for (var tick = 0; tick < 5; tick++)
        {
            Assert.True(Covers(source, local), $"tick {tick} saw drift");
            await source.PublishLocalNodeAsync(local, default);
        }

        Assert.Single(harness.Server.Requests, r => r.Verb == "patch");
    }

    [Fact]
    public async Task EachAdvertisedChangeIsOnePatchAndNothingMore()
    {
        await using var harness = await Harness.StartAsync();
        harness.Server.Put(ApiResource.CiliumNodes, CiliumNode("node-a", "192.168.100.1", nodeId: "42", wgKey: Objects.WgKeyA));
        var source = await harness.StartSourceAsync("node-a");
        Node[] steps =
        [
            Advertised(nodeId: 42, keyId: 3, wgKey: Objects.WgKeyA),
            Advertised(nodeId: 42, keyId: 4, wgKey: Objects.WgKeyA),
            Advertised(nodeId: 43, keyId: 4, wgKey: Objects.WgKeyA),
            Advertised(nodeId: 43, keyId: 4, wgKey: Objects.WgKeyB),
            Advertised(nodeId: 43, keyId: 4, wgKey: Objects.WgKeyB, bootId: "boot-node-a-2"),
        ];

        var expectedPatches = 0;
        foreach (var (step, index) in steps.Select((s, i) => (s, i)))
        {
            if (index > 0)
                expectedPatches++;
            await source.PublishLocalNodeAsync(step, default);
            await Eventually.True(() => Covers(source, step), $"step {index} to be watched");
            await source.PublishLocalNodeAsync(step, default);
            Assert.Equal(expectedPatches, harness.Server.Requests.Count(r => r.Verb == "patch"));
        }
    }

    [Fact]
    public void ThePatchHoldsOnlyWhatDiffers()
    {
        var current = new CiliumNode
        {
            Metadata = new ObjectMeta
            {
                Name = "node-a",
                Annotations = new Dictionary<string, string> { [Annotation] = "42", [WellKnown.WireGuardPublicKeyAnnotation] = Objects.WgKeyA },
            },
            Spec = new CiliumNodeSpec { BootId = "boot-node-a", Encryption = new EncryptionSpec { Key = 3 } },
        };

        Assert.Null(LocalNodePatch.Build(Advertised(42, 3, Objects.WgKeyA), current, publishBootId: true));
        Assert.Equal("""{"spec":{"encryption":{"key":4}}}""", LocalNodePatch.Build(Advertised(42, 4, Objects.WgKeyA), current, true)!.ToJsonString());
        Assert.Equal("{\"metadata\":{\"annotations\":{\"" + Annotation + "\":\"7\"}}}", LocalNodePatch.Build(Advertised(7, 3, Objects.WgKeyA), current, true)!.ToJsonString());
        Assert.Equal("""{"metadata":{"annotations":{"network.cilium.io/wg-pub-key":null}}}""", LocalNodePatch.Build(Advertised(42, 3), current, true)!.ToJsonString());
        Assert.Null(LocalNodePatch.Build(Advertised(42, 3, Objects.WgKeyA, bootId: "other"), current, publishBootId: false));
    }

    [Fact]
    public void ACreatedNodeCarriesTheNodeId()
    {
        var created = LocalNodePatch.NewCiliumNode(Advertised(nodeId: 9, wgKey: Objects.WgKeyA), publishBootId: true);

        Assert.Equal("9", created.Metadata.Annotations![Annotation]);
        Assert.Equal(Objects.WgKeyA, created.Metadata.Annotations[WellKnown.WireGuardPublicKeyAnnotation]);
        Assert.Equal(9, CiliumNodeMapper.ToNode(created).NodeId);
    }

    /// <summary>A source with a logger factory, synced.</summary>
    private sealed class Running : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private Task _run = Task.CompletedTask;

        private Running(KubernetesClusterSource source) => Source = source;

        public KubernetesClusterSource Source { get; }

        public static async Task<Running> StartAsync(Harness harness, ILoggerFactory logs)
        {
            var running = new Running(new KubernetesClusterSource(
                harness.Client, new KubernetesSourceOptions { NodeName = "node-a", Informer = Harness.Informer }, harness.Time, logs));
            running._run = running.Source.RunAsync(running._stop.Token);
            await Eventually.True(() => running.Source.IsSynced, "the source to sync");
            return running;
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _run;
            _stop.Dispose();
        }
    }

    private sealed class RecordingLoggerFactory : ILoggerFactory, ILogger
    {
        private readonly Lock _gate = new();
        private readonly List<(LogLevel Level, int Id, string Message)> _entries = [];

        public IReadOnlyList<(LogLevel Level, int Id, string Message)> Entries
        {
            get
            {
                lock (_gate)
                    return [.. _entries];
            }
        }

        public ILogger CreateLogger(string categoryName) => this;

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_gate)
                _entries.Add((logLevel, eventId.Id, formatter(state, exception)));
        }

        public void Dispose()
        {
        }
    }
}
