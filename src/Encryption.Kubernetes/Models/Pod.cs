using System.Text.Json.Serialization;

namespace Encryption.Kubernetes.Models;

/// <summary>A core/v1 Pod, reduced to placement, identity and addresses.</summary>
public sealed record Pod : IKubernetesObject
{
    public string ApiVersion { get; init; } = "v1";

    public string Kind { get; init; } = "Pod";

    public ObjectMeta Metadata { get; init; } = new();

    public PodSpec Spec { get; init; } = new();

    public PodStatus Status { get; init; } = new();
}

public sealed record PodSpec
{
    public string? NodeName { get; init; }

    public string? ServiceAccountName { get; init; }

    public bool HostNetwork { get; init; }
}

public sealed record PodStatus
{
    /// <summary>Pending, Running, Succeeded, Failed, Unknown.</summary>
    public string? Phase { get; init; }

    [JsonPropertyName("podIP")]
    public string? PodIP { get; init; }

    [JsonPropertyName("podIPs")]
    public IReadOnlyList<PodIP>? PodIPs { get; init; }
}

public sealed record PodIP
{
    [JsonPropertyName("ip")]
    public string? Ip { get; init; }
}
