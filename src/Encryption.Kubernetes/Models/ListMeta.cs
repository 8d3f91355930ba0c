namespace Encryption.Kubernetes.Models;

/// <summary><c>metadata</c> of a list response (meta/v1 ListMeta).</summary>
public sealed record ListMeta
{
    public string? ResourceVersion { get; init; }

    /// <summary>Token for the next page; empty or absent on the last page.</summary>
    public string? Continue { get; init; }

    public long? RemainingItemCount { get; init; }
}
