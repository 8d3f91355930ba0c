namespace Encryption.Ztunnel.Ca;

/// <summary>Workload certificate policy.</summary>
public sealed record CaOptions
{
    /// <summary>ztunnel's CLUSTER_DOMAIN default; identities in other trust domains are refused.</summary>
    public string TrustDomain { get; init; } = "cluster.local";

    /// <summary>Used when the request names no lifetime (ztunnel always sends SECRET_TTL, 24 h by default).</summary>
    public TimeSpan DefaultCertificateTtl { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Requested lifetimes are capped here (Cilium issues a fixed 30 days).</summary>
    public TimeSpan MaxCertificateTtl { get; init; } = TimeSpan.FromDays(30);
}
