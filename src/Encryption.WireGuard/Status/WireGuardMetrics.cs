namespace Encryption.WireGuard.Status;

/// <summary>A metric sample in Prometheus terms.</summary>
public sealed record MetricSample(string Name, double Value, IReadOnlyDictionary<string, string>? Labels = null);

/// <summary>
/// WireGuard metrics (Cilium exports none for WireGuard; these fill that gap, under its <c>cilium_</c> prefix).
/// Values come from one device read; counters of this agent's own actions come from the backend.
/// </summary>
public sealed record WireGuardMetrics
{
    public int Peers { get; init; }

    /// <summary>Desired peers the device does not have, or has with missing prefixes (0 when in sync).</summary>
    public int PeersOutOfSync { get; init; }

    public int RejectedPeers { get; init; }

    /// <summary>Peers whose last handshake is older than 3 minutes (WireGuard rekeys every 2), or never happened.</summary>
    public int PeersWithStaleHandshake { get; init; }

    public long ReceiveBytes { get; init; }

    public long TransmitBytes { get; init; }

    public long KeyRotations { get; init; }

    public long ReconcileErrors { get; init; }

    public long DeviceOperations { get; init; }

    public IReadOnlyList<MetricSample> Samples() =>
    [
        new("cilium_wireguard_peers", Peers),
        new("cilium_wireguard_peers_out_of_sync", PeersOutOfSync),
        new("cilium_wireguard_rejected_peers", RejectedPeers),
        new("cilium_wireguard_stale_handshake_peers", PeersWithStaleHandshake),
        new("cilium_wireguard_transfer_bytes", ReceiveBytes, new Dictionary<string, string> { ["direction"] = "rx" }),
        new("cilium_wireguard_transfer_bytes", TransmitBytes, new Dictionary<string, string> { ["direction"] = "tx" }),
        new("cilium_wireguard_key_rotations_total", KeyRotations),
        new("cilium_wireguard_reconcile_errors_total", ReconcileErrors),
        new("cilium_wireguard_device_operations_total", DeviceOperations),
    ];
}
