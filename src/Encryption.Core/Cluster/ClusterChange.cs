namespace Encryption.Core.Cluster;

/// <summary>One change seen by a cluster source.</summary>
public abstract record ClusterChange
{
    private ClusterChange() { }

    /// <summary>A node was added (<c>Old</c> null), updated, or removed (<c>New</c> null).</summary>
    public sealed record NodeChanged(Node? Old, Node? New) : ClusterChange;

    public sealed record NamespaceChanged(NamespaceInfo? Old, NamespaceInfo? New) : ClusterChange;

    public sealed record PodChanged(PodInfo? Old, PodInfo? New) : ClusterChange;

    /// <summary>The whole view was (re)listed; reconcile everything.</summary>
    public sealed record Resynced : ClusterChange;
}
