using Encryption.Core.Cluster;
using Encryption.Core.IO;

namespace Encryption.Core.FileStore;

/// <summary>
/// Writes the documents that no agent owns (namespaces, pods), for the lab tooling that plays the API server.
/// Writes are atomic, so watching agents never read a torn document; deletes of missing files succeed.
/// </summary>
public static class FileStoreWriter
{
    public static Task WriteNamespaceAsync(FileStoreLayout layout, NamespaceInfo ns, CancellationToken cancellationToken) =>
        AtomicFile.WriteAsync(layout.NamespacePath(ns.Name), FileStoreJson.Encode(NamespaceDocument.From(ns)), AtomicFile.Shared, cancellationToken);

    public static Task WritePodAsync(FileStoreLayout layout, PodInfo pod, CancellationToken cancellationToken) =>
        AtomicFile.WriteAsync(layout.PodPath(pod.Namespace, pod.Name), FileStoreJson.Encode(PodDocument.From(pod)), AtomicFile.Shared, cancellationToken);

    public static void DeleteNamespace(FileStoreLayout layout, string name) => File.Delete(layout.NamespacePath(name));

    public static void DeletePod(FileStoreLayout layout, string @namespace, string name) => File.Delete(layout.PodPath(@namespace, name));

    /// <summary>Removes a node's document (e.g. <c>lab down</c> for a node whose agent is gone).</summary>
    public static void DeleteNode(FileStoreLayout layout, string name) => File.Delete(layout.NodePath(name));
}
