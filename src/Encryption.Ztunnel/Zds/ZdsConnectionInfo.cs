namespace Encryption.Ztunnel.Zds;

/// <summary>What status shows about one ztunnel ZDS connection.</summary>
public sealed record ZdsConnectionInfo
{
    public required long Id { get; init; }

    public required DateTimeOffset ConnectedAt { get; init; }

    public int? HelloVersion { get; init; }

    /// <summary>When ztunnel acked SnapshotSent; null while the snapshot is in flight.</summary>
    public DateTimeOffset? SnapshotAckedAt { get; init; }

    /// <summary>Workloads handed over (Add or Keep acked) and not deleted since.</summary>
    public int Workloads { get; init; }

    /// <summary>Only the newest connection receives Adds; every connection receives Dels (Istio's model).</summary>
    public bool Newest { get; init; }

    public string? LastNack { get; init; }
}
