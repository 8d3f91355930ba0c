namespace Encryption.Kubernetes.Informers;

/// <summary>What an informer tells its handler, in order.</summary>
public abstract record InformerEvent<T>
{
    private InformerEvent() { }

    public sealed record Added(T Object) : InformerEvent<T>;

    public sealed record Updated(T Old, T New) : InformerEvent<T>;

    /// <summary>The last known state of a removed object.</summary>
    public sealed record Deleted(T Object) : InformerEvent<T>;

    /// <summary>
    /// A (re)list replaced the cache: the initial list, or a relist after 410 Gone. The Added/Updated/Deleted
    /// events that turn the old cache into the new one come first.
    /// </summary>
    public sealed record Resynced(IReadOnlyCollection<T> Objects) : InformerEvent<T>;
}
