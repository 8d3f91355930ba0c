using System.Collections.Immutable;

namespace Encryption.Ztunnel.Enrollment;

/// <summary>Why a pod of an enrolled namespace is not enrolled.</summary>
public enum SkipReason
{
    HostNetwork,
    ZtunnelItself,
    NoNetworkNamespace,
    NoAddresses,
}

public sealed record SkippedPod(string Namespace, string Name, SkipReason Reason);

/// <summary>
/// The desired enrollment: enrolled namespaces, the workloads ztunnel must know cluster-wide (xDS), the
/// local ones handed over through ZDS (with in-pod rules), and what was skipped and why.
/// </summary>
public sealed record EnrollmentPlan
{
    public static readonly EnrollmentPlan Empty = new();

    public ImmutableArray<string> Namespaces { get; init; } = [];

    public ImmutableArray<MeshWorkload> Mesh { get; init; } = [];

    public ImmutableArray<LocalWorkload> Local { get; init; } = [];

    public ImmutableArray<SkippedPod> Skipped { get; init; } = [];

    /// <summary>The NODE_NAME the local ztunnel must have for these workloads to be its own.</summary>
    public string LocalNodeIdentity { get; init; } = "";
}
