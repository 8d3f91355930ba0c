using Encryption.Ztunnel.Ca;
using Encryption.Ztunnel.Enrollment;
using Encryption.Ztunnel.Grpc;
using Encryption.Ztunnel.Secrets;
using Encryption.Ztunnel.Zds;

namespace Encryption.Ztunnel;

/// <summary>
/// The ztunnel backend's settings, defaults as Cilium's. Until Encryption.Core's Helm-values options carry
/// an <c>encryption.ztunnel</c> section, the agent builds this record itself.
/// </summary>
public sealed record ZtunnelOptions
{
    /// <summary>Where the <c>cilium-ztunnel-secrets</c> keys are mounted.</summary>
    public string SecretsDirectory { get; init; } = ZtunnelSecretFiles.DefaultDirectory;

    public GrpcServerOptions Grpc { get; init; } = new();

    public ZdsServerOptions Zds { get; init; } = new();

    public CaOptions Ca { get; init; } = new();

    public EnrollmentPolicy Enrollment { get; init; } = new();

    /// <summary>
    /// The host's proc file system, where pods the cluster source gives no network-namespace path (Kubernetes pods)
    /// are looked up (<see cref="ProcfsPodNamespaces"/>); null to look nowhere.
    /// </summary>
    public string? Procfs { get; init; }
}
