namespace Encryption.Core.Cluster;

/// <summary>
/// Where the agent learns about the cluster and publishes its own node: the file store (lab, embedded
/// default) or Kubernetes (CiliumNode, Namespace, Pod watches). A source keeps <see cref="Current"/> up
/// to date while <see cref="RunAsync"/> runs and signals every change on <see cref="Changes"/>.
/// </summary>
public interface IClusterSource
{
    /// <summary>Everything the source knows right now.</summary>
    ClusterView Current { get; }

    /// <summary>
    /// Change notifications, in order. A <see cref="ClusterChange.Resynced"/> means "the whole view was
    /// replaced" (initial list, relist after 410 Gone): consumers should reconcile everything.
    /// </summary>
    IAsyncEnumerable<ClusterChange> Changes(CancellationToken cancellationToken);

    /// <summary>Lists, then watches until cancelled, retrying with backoff on errors.</summary>
    Task RunAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Creates or updates this agent's own node object (file store: its JSON document; Kubernetes: a merge
    /// patch of its CiliumNode). A source never writes any other node.
    /// </summary>
    Task PublishLocalNodeAsync(Node local, CancellationToken cancellationToken);

    /// <summary>
    /// The parts of <paramref name="local"/> that <see cref="PublishLocalNodeAsync"/> writes, the others left empty:
    /// what a drift check should compare with <see cref="Current"/>. A source that writes only some fields (Kubernetes:
    /// key ID, annotations, boot ID; Cilium owns addresses and pod CIDRs) must not see the others as drift, or it would
    /// republish on every resync and change nothing. Default: everything.
    /// </summary>
    Node Publishable(Node local) => local;
}
