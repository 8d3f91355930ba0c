namespace Encryption.Ztunnel.Enrollment;

/// <summary>The knobs of enrollment; defaults are Cilium's.</summary>
public sealed record EnrollmentPolicy
{
    /// <summary>Namespace label that enrolls its pods (exact value "true").</summary>
    public string NamespaceLabel { get; init; } = Core.Cluster.WellKnown.ZtunnelEnrollmentLabel;

    /// <summary>Pods with this label (the ztunnel DaemonSet's own pods) are never enrolled.</summary>
    public KeyValuePair<string, string> ZtunnelPodLabel { get; init; } = new("app", "ztunnel-cilium");

    public NodeIdentityConvention NodeIdentity { get; init; } = NodeIdentityConvention.HostIp;
}
