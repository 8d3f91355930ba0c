namespace Encryption.Kubernetes.Models;

/// <summary>
/// A core/v1 Secret. <see cref="Data"/> arrives base64-encoded on the wire and is decoded by the
/// serializer. Deliberately a class with a redacting <see cref="ToString"/>: a record would print the
/// key material.
/// </summary>
public sealed class Secret : IKubernetesObject
{
    public string ApiVersion { get; init; } = "v1";

    public string Kind { get; init; } = "Secret";

    public ObjectMeta Metadata { get; init; } = new();

    public string? Type { get; init; }

    public IReadOnlyDictionary<string, byte[]>? Data { get; init; }

    public override string ToString() =>
        $"Secret {Metadata.Key} (resourceVersion {Metadata.ResourceVersion}, data keys: {string.Join(",", Data?.Keys ?? [])}, values redacted)";
}
