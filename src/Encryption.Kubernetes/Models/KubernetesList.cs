namespace Encryption.Kubernetes.Models;

/// <summary>A list response: <c>{"metadata": {...}, "items": [...]}</c>.</summary>
public sealed record KubernetesList<T>
{
    public string? ApiVersion { get; init; }

    public string? Kind { get; init; }

    public ListMeta Metadata { get; init; } = new();

    public IReadOnlyList<T> Items { get; init; } = [];
}
