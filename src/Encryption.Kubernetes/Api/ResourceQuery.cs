namespace Encryption.Kubernetes.Api;

/// <summary>Which objects of a resource: a namespace (null = all or cluster-scoped) and selectors.</summary>
public sealed record ResourceQuery
{
    public static readonly ResourceQuery All = new();

    public string? Namespace { get; init; }

    /// <summary>e.g. <c>io.cilium/mtls-enabled=true</c>.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>e.g. <c>metadata.name=cilium-ipsec-keys</c> or <c>spec.nodeName=node-a</c>.</summary>
    public string? FieldSelector { get; init; }
}
