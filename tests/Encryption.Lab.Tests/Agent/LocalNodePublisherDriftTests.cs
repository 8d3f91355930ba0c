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

/// <summary>
/// The local-node publisher against a source that writes only part of the node (as Kubernetes writes key ID,
/// annotations, boot ID and node ID, while Cilium owns addresses and pod CIDRs): resyncs must not republish.
/// </summary>
public sealed class LocalNodePublisherDriftTests : IAsyncDisposable
{
    private static readonly TimeSpan Resync = TimeSpan.FromSeconds(30);

    /// <summary>The agent's options say one address and pod CIDR; the node object (Cilium's) says others.</summary>
    private static readonly Node Self = new()
    {
        Name = "node1",
        IPv4 = IPAddress.Parse("192.168.100.1"),
        PodCidrs = [IPNetwork.Parse("10.1.0.0/24")],
        BootId = "6b27e114-6706-46d9-a4a3-81f602d582e6",
        NodeId = 7,
    };

    private static readonly Node CiliumOwned = new()
    {
        Name = "node1",
        IPv4 = IPAddress.Parse("10.0.0.1"),
        PodCidrs = [IPNetwork.Parse("10.244.1.0/24")],
    };

    private readonly FakeTimeProvider time = new();
    private readonly MemoryClusterSource memory = new();
    private readonly PartialSource source;
    private readonly BackendStarted started = new();
    private readonly LocalNodePublisherService publisher;

    public LocalNodePublisherDriftTests()
    {
        source = new PartialSource(memory);
        var options = EncryptionOptions.Defaults with { Agent = new AgentOptions { NodeName = "node1", ResyncInterval = Resync } };
        publisher = new LocalNodePublisherService(
            source, new LocalNodeSource(Self, new RecordingBackend()), options, new AgentState(time), started, time,
            NullLogger<LocalNodePublisherService>.Instance);
    }

    [Fact]
    public async Task ResyncsDoNotRepublishWhatTheSourceDoesNotWrite()
    {
        memory.List(CiliumOwned);
        started.Set();
        await publisher.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => source.Publishes == 1, "the first publish");
        await Eventually.TrueAsync(() => time.ActiveTimers >= 1, "the resync timer");

        for (var tick = 1; tick <= 4; tick++)
        {
            time.Advance(Resync);
            await Eventually.TrueAsync(() => source.Checks >= tick, $"resync {tick} compared the node");
        }

        Assert.Equal(1, source.Publishes);
        var node = memory.Current.Nodes["node1"];
        Assert.Equal((CiliumOwned.IPv4, (ushort)7, (byte)3), (node.IPv4, node.NodeId, node.IPsecKeyId));
    }

    [Fact]
    public async Task AResyncRepublishesWhenAWrittenFieldDrifted()
    {
        memory.List(CiliumOwned);
        started.Set();
        await publisher.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => source.Publishes == 1, "the first publish");
        await Eventually.TrueAsync(() => time.ActiveTimers >= 1, "the resync timer");

        memory.Upsert(memory.Current.Nodes["node1"] with { NodeId = 9 });
        time.Advance(Resync);

        await Eventually.TrueAsync(() => source.Publishes == 2, "the node ID restored");
        Assert.Equal(7, memory.Current.Nodes["node1"].NodeId);
    }

    public async ValueTask DisposeAsync()
    {
        await publisher.StopAsync(CancellationToken.None);
        publisher.Dispose();
    }

    /// <summary>Writes only key ID, annotations, boot ID and node ID over the existing object, like a CiliumNode patch.</summary>
    private sealed class PartialSource(MemoryClusterSource inner) : IClusterSource
    {
        private int publishes;
        private int checks;

        public int Publishes => Volatile.Read(ref publishes);

        /// <summary>How many times the publisher read the view (once per drift check).</summary>
        public int Checks => Volatile.Read(ref checks);

        public ClusterView Current
        {
            get
            {
                Interlocked.Increment(ref checks);
                return inner.Current;
            }
        }

        public IAsyncEnumerable<ClusterChange> Changes(CancellationToken cancellationToken) => inner.Changes(cancellationToken);

        public Task RunAsync(CancellationToken cancellationToken) => inner.RunAsync(cancellationToken);

        public Node Publishable(Node local) => new()
        {
            Name = local.Name,
            BootId = local.BootId,
            NodeId = local.NodeId,
            IPsecKeyId = local.IPsecKeyId,
            Annotations = local.Annotations,
        };

        public Task PublishLocalNodeAsync(Node local, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref publishes);
            var existing = inner.Current.Nodes.GetValueOrDefault(local.Name) ?? new Node { Name = local.Name };
            return inner.PublishLocalNodeAsync(
                existing with
                {
                    BootId = local.BootId,
                    NodeId = local.NodeId,
                    IPsecKeyId = local.IPsecKeyId,
                    Annotations = existing.Annotations.SetItems(local.Annotations),
                },
                cancellationToken);
        }
    }
}
