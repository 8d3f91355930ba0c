using Encryption.Core.Cluster;
using System.Collections.Immutable;

namespace Encryption.Lab.Tests.Support;

/// <summary>
/// A cluster source held in memory: the test sets nodes and signals changes; published local nodes are recorded
/// (and, like a real store, become part of the view).
/// </summary>
internal sealed class MemoryClusterSource : IClusterSource
{
    private readonly ClusterChangeBroadcaster changes = new();
    private readonly Lock gate = new();
    private ClusterView view = ClusterView.Empty;

    public ClusterView Current
    {
        get
        {
            lock (gate)
                return view;
        }
    }

    public List<Node> Published { get; } = [];

    public int Subscribers => changes.SubscriberCount;

    public IAsyncEnumerable<ClusterChange> Changes(CancellationToken cancellationToken) => changes.Subscribe(cancellationToken);

    public Task RunAsync(CancellationToken cancellationToken) => Task.Delay(Timeout.Infinite, cancellationToken);

    public Task PublishLocalNodeAsync(Node local, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            Published.Add(local);
            view = view with { Nodes = view.Nodes.SetItem(local.Name, local) };
        }

        return Task.CompletedTask;
    }

    /// <summary>The initial list: sets the nodes and signals Resynced.</summary>
    public void List(params Node[] nodes)
    {
        lock (gate)
            view = view with { Nodes = nodes.ToImmutableSortedDictionary(n => n.Name, n => n, StringComparer.Ordinal) };
        changes.MarkListed();
    }

    public void Upsert(Node node)
    {
        Node? old;
        lock (gate)
        {
            old = view.Nodes.GetValueOrDefault(node.Name);
            view = view with { Nodes = view.Nodes.SetItem(node.Name, node) };
        }

        changes.Publish([new ClusterChange.NodeChanged(old, node)]);
    }

    public void Remove(string name)
    {
        Node? old;
        lock (gate)
        {
            old = view.Nodes.GetValueOrDefault(name);
            view = view with { Nodes = view.Nodes.Remove(name) };
        }

        changes.Publish([new ClusterChange.NodeChanged(old, null)]);
    }
}
