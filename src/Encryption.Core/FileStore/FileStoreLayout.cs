namespace Encryption.Core.FileStore;

/// <summary>
/// The file store's directory layout (the lab's stand-in for CiliumNode, Namespace and Pod objects):
/// <code>
/// DIR/&lt;node&gt;.json                      one document per node (NodeDocument)
/// DIR/namespaces/&lt;namespace&gt;.json      optional, for ztunnel enrollment (NamespaceDocument)
/// DIR/pods/&lt;namespace&gt;_&lt;pod&gt;.json     optional, for ztunnel (PodDocument)
/// </code>
/// A file's name must match the name inside it, so two files can never claim one object. Dot files (temp files of
/// atomic writes) are ignored.
/// </summary>
public sealed record FileStoreLayout(string Root)
{
    public const string NamespacesDirectoryName = "namespaces";
    public const string PodsDirectoryName = "pods";
    public const string Extension = ".json";

    public string NamespacesDirectory => Path.Join(Root, NamespacesDirectoryName);

    public string PodsDirectory => Path.Join(Root, PodsDirectoryName);

    public string NodePath(string name) => Path.Join(Root, name + Extension);

    public string NamespacePath(string name) => Path.Join(NamespacesDirectory, name + Extension);

    public string PodPath(string @namespace, string name) => Path.Join(PodsDirectory, PodFileName(@namespace, name));

    /// <summary>Kubernetes names never contain '_', so <c>&lt;namespace&gt;_&lt;pod&gt;</c> is unambiguous.</summary>
    public static string PodFileName(string @namespace, string name) => $"{@namespace}_{name}{Extension}";

    /// <summary>What kind of document lives at <paramref name="path"/>, or null for anything the store ignores.</summary>
    public DocumentKind? KindOf(string path)
    {
        var name = Path.GetFileName(path);
        if (name.StartsWith('.') || !name.EndsWith(Extension, StringComparison.Ordinal))
            return null;
        var directory = Path.GetDirectoryName(path);
        if (PathEquals(directory, Root))
            return DocumentKind.Node;
        if (PathEquals(directory, NamespacesDirectory))
            return DocumentKind.Namespace;
        if (PathEquals(directory, PodsDirectory))
            return DocumentKind.Pod;
        return null;
    }

    /// <summary>The file name without <c>.json</c>.</summary>
    public static string Stem(string path) => Path.GetFileNameWithoutExtension(path);

    private static bool PathEquals(string? a, string b) =>
        a is not null && string.Equals(Path.TrimEndingDirectorySeparator(a), Path.TrimEndingDirectorySeparator(b), StringComparison.Ordinal);
}

public enum DocumentKind
{
    Node,
    Namespace,
    Pod,
}
