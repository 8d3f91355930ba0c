namespace Encryption.Kubernetes.Models;

/// <summary>A core/v1 Namespace: only its labels matter here (ztunnel enrollment).</summary>
public sealed record KubernetesNamespace : IKubernetesObject
{
    public string ApiVersion { get; init; } = "v1";

    public string Kind { get; init; } = "Namespace";

    public ObjectMeta Metadata { get; init; } = new();
}
