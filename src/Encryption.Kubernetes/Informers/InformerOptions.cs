using Encryption.Kubernetes.Api;

namespace Encryption.Kubernetes.Informers;

public sealed record InformerOptions
{
    public ResourceQuery Query { get; init; } = ResourceQuery.All;

    /// <summary>Items per list page (<c>limit</c>); null lists in one response.</summary>
    public int? PageSize { get; init; } = 500;

    /// <summary>
    /// The server ends each watch after this long (<c>timeoutSeconds</c>); the informer then watches again
    /// from the last resource version. The client gives up on a silent stream after this plus
    /// <see cref="WatchGrace"/>.
    /// </summary>
    public TimeSpan WatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan WatchGrace { get; init; } = TimeSpan.FromSeconds(30);

    public BackoffOptions Backoff { get; init; } = new();
}
