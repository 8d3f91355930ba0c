namespace Encryption.Kubernetes.Models;

/// <summary>The <c>type</c> of one line of a watch stream.</summary>
public enum WatchEventType
{
    Added,
    Modified,
    Deleted,

    /// <summary>Only <c>metadata.resourceVersion</c> is meaningful: "you are caught up to here".</summary>
    Bookmark,

    /// <summary>The object is a <see cref="KubernetesStatus"/> (410 Expired: relist).</summary>
    Error,
}
