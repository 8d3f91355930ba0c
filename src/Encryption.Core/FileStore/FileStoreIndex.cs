using System.Collections.Immutable;
using System.Security.Cryptography;
using Encryption.Core.Cluster;

namespace Encryption.Core.FileStore;

/// <summary>What one update of the index changed.</summary>
public sealed record IndexUpdate(ImmutableArray<ClusterChange> Changes, ImmutableArray<FileStoreProblem> NewProblems, ImmutableArray<string> Resolved)
{
    public static readonly IndexUpdate None = new([], [], []);

    public bool IsEmpty => Changes.IsEmpty && NewProblems.IsEmpty && Resolved.IsEmpty;

    public IndexUpdate Merge(IndexUpdate other) =>
        other.IsEmpty ? this : new(Changes.AddRange(other.Changes), NewProblems.AddRange(other.NewProblems), Resolved.AddRange(other.Resolved));
}

/// <summary>
/// The file store's knowledge, without I/O: for every file its content hash, the last valid object it held and its
/// problem. A file whose content did not change is not parsed again; a content change that means the same object
/// (reformatting) is no change; an invalid document is a problem and its last valid object stays in the view.
/// Not thread-safe: the owner serializes calls.
/// </summary>
public sealed class FileStoreIndex(FileStoreLayout layout)
{
    private readonly Dictionary<string, FileEntry> _files = new(StringComparer.Ordinal);

    public ClusterView View { get; private set; } = ClusterView.Empty;

    public ImmutableArray<FileStoreProblem> Problems =>
        [.. _files.Values.Where(f => f.Problem is not null).Select(f => f.Problem!).OrderBy(p => p.Path, StringComparer.Ordinal)];

    /// <summary>The content last seen at <paramref name="path"/> hashes to the same as <paramref name="content"/>.</summary>
    public bool HasContent(string path, ReadOnlySpan<byte> content) =>
        _files.TryGetValue(path, out var entry) && entry.Hash.AsSpan().SequenceEqual(SHA256.HashData(content));

    /// <summary>Applies a complete listing: <paramref name="files"/> holds every document now present.</summary>
    public IndexUpdate ApplyScan(IReadOnlyDictionary<string, byte[]> files, DateTimeOffset now)
    {
        var update = IndexUpdate.None;
        foreach (var path in files.Keys.Concat(_files.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList())
            update = update.Merge(ApplyFile(path, files.GetValueOrDefault(path), now));
        return update;
    }

    /// <summary>Applies one file's content, or its deletion (<paramref name="content"/> null).</summary>
    public IndexUpdate ApplyFile(string path, byte[]? content, DateTimeOffset now)
    {
        if (layout.KindOf(path) is not { } kind)
            return IndexUpdate.None;
        _files.TryGetValue(path, out var entry);

        if (content is null)
        {
            if (entry is null)
                return IndexUpdate.None;
            _files.Remove(path);
            return new IndexUpdate(Change(kind, entry.Good, null), [], entry.Problem is null ? [] : [path]);
        }

        var hash = SHA256.HashData(content);
        if (entry is not null && entry.Hash.AsSpan().SequenceEqual(hash))
            return IndexUpdate.None;
        entry ??= _files[path] = new FileEntry();
        entry.Hash = hash;

        var (value, problem) = Decode(kind, path, content);
        if (problem is not null)
        {
            var repeated = entry.Problem?.Reason == problem;
            entry.Problem = repeated ? entry.Problem : new FileStoreProblem(path, problem, now);
            return new IndexUpdate([], repeated ? [] : [entry.Problem!], []);
        }

        var resolved = entry.Problem is null ? ImmutableArray<string>.Empty : [path];
        entry.Problem = null;
        var old = entry.Good;
        entry.Good = value;
        return new IndexUpdate(Equals(old, value) ? [] : Change(kind, old, value), [], resolved);
    }

    private static (object? Value, string? Problem) Decode(DocumentKind kind, string path, byte[] content)
    {
        var stem = FileStoreLayout.Stem(path);
        switch (kind)
        {
            case DocumentKind.Node:
            {
                var document = FileStoreJson.Decode<NodeDocument>(content);
                if (document.Problem is not null)
                    return (null, document.Problem);
                var node = document.Value!.ToNode();
                if (node.Problem is not null)
                    return (null, node.Problem);
                return node.Value!.Name == stem ? (node.Value, null) : (null, $"name '{node.Value.Name}' does not match the file name (expected '{stem}')");
            }

            case DocumentKind.Namespace:
            {
                var document = FileStoreJson.Decode<NamespaceDocument>(content);
                if (document.Problem is not null)
                    return (null, document.Problem);
                var ns = document.Value!.ToNamespace();
                if (ns.Problem is not null)
                    return (null, ns.Problem);
                return ns.Value!.Name == stem ? (ns.Value, null) : (null, $"name '{ns.Value.Name}' does not match the file name (expected '{stem}')");
            }

            default:
            {
                var document = FileStoreJson.Decode<PodDocument>(content);
                if (document.Problem is not null)
                    return (null, document.Problem);
                var pod = document.Value!.ToPod();
                if (pod.Problem is not null)
                    return (null, pod.Problem);
                var expected = FileStoreLayout.Stem(FileStoreLayout.PodFileName(pod.Value!.Namespace, pod.Value.Name));
                return expected == stem ? (pod.Value, null) : (null, $"namespace/name '{pod.Value.Namespace}/{pod.Value.Name}' does not match the file name (expected '{expected}')");
            }
        }
    }

    private ImmutableArray<ClusterChange> Change(DocumentKind kind, object? old, object? @new)
    {
        if (old is null && @new is null)
            return [];
        var view = View;
        switch (kind)
        {
            case DocumentKind.Node:
            {
                var (o, n) = ((Node?)old, (Node?)@new);
                var nodes = view.Nodes;
                if (o is not null)
                    nodes = nodes.Remove(o.Name);
                if (n is not null)
                    nodes = nodes.SetItem(n.Name, n);
                View = view with { Nodes = nodes };
                return [new ClusterChange.NodeChanged(o, n)];
            }

            case DocumentKind.Namespace:
            {
                var (o, n) = ((NamespaceInfo?)old, (NamespaceInfo?)@new);
                var namespaces = view.Namespaces;
                if (o is not null)
                    namespaces = namespaces.Remove(o.Name);
                if (n is not null)
                    namespaces = namespaces.SetItem(n.Name, n);
                View = view with { Namespaces = namespaces };
                return [new ClusterChange.NamespaceChanged(o, n)];
            }

            default:
            {
                var (o, n) = ((PodInfo?)old, (PodInfo?)@new);
                var pods = view.Pods;
                if (o is not null)
                    pods = pods.Remove($"{o.Namespace}/{o.Name}");
                if (n is not null)
                    pods = pods.SetItem($"{n.Namespace}/{n.Name}", n);
                View = view with { Pods = pods };
                return [new ClusterChange.PodChanged(o, n)];
            }
        }
    }

    private sealed class FileEntry
    {
        public byte[] Hash { get; set; } = [];

        public object? Good { get; set; }

        public FileStoreProblem? Problem { get; set; }
    }
}
