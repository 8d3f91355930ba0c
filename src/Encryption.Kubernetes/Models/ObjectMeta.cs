using System.Text.Json.Serialization;

namespace Encryption.Kubernetes.Models;

/// <summary>The parts of <c>metadata</c> this project reads (meta/v1 ObjectMeta).</summary>
public sealed record ObjectMeta
{
    public string? Name { get; init; }

    public string? Namespace { get; init; }

    public string? Uid { get; init; }

    /// <summary>Opaque; compare for equality only, never order.</summary>
    public string? ResourceVersion { get; init; }

    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    public DateTimeOffset? DeletionTimestamp { get; init; }

    /// <summary>The informer cache key: <c>namespace/name</c>, or <c>name</c> for cluster-scoped objects.</summary>
    [JsonIgnore]
    public string Key => string.IsNullOrEmpty(Namespace) ? Name ?? "" : $"{Namespace}/{Name}";
}
