namespace Encryption.Kubernetes.Api;

/// <summary>Timeouts for ordinary (non-watch) requests.</summary>
public sealed record KubernetesApiClientOptions
{
    /// <summary>How long a list page, get, patch or create may take, on the client's <see cref="TimeProvider"/>.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
