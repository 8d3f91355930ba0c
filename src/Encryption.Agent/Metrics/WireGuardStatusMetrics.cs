using Encryption.WireGuard.Status;
using System.Collections.Frozen;

namespace Encryption.Agent.Metrics;

/// <summary>
/// The WireGuard backend's <c>cilium_wireguard_*</c> metrics (Cilium has none for WireGuard; names and values come from
/// <see cref="WireGuardMetrics"/>, one device read): the type and help of each family are added here.
/// </summary>
internal static class WireGuardStatusMetrics
{
    /// <summary>Family name to (Prometheus type, help). A family missing here is still written, as untyped.</summary>
    public static readonly FrozenDictionary<string, (string Type, string Help)> Families = new Dictionary<string, (string, string)>
    {
        ["cilium_wireguard_peers"] = ("gauge", "Peers configured on the WireGuard device"),
        ["cilium_wireguard_peers_out_of_sync"] = ("gauge", "Desired peers missing from the device or missing allowed IPs"),
        ["cilium_wireguard_rejected_peers"] = ("gauge", "Remote nodes left without a peer (bad, all-zero or duplicate key, no address)"),
        ["cilium_wireguard_stale_handshake_peers"] = ("gauge", "Peers without a handshake in the last 3 minutes"),
        ["cilium_wireguard_transfer_bytes"] = ("gauge", "Bytes received (rx) and sent (tx) through the device's peers, as the device counts them"),
        ["cilium_wireguard_key_rotations_total"] = ("counter", "Key rotations done by this agent"),
        ["cilium_wireguard_reconcile_errors_total"] = ("counter", "Failed reconciliations of the device"),
        ["cilium_wireguard_device_operations_total"] = ("counter", "Configuration requests sent to the device"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static void Write(PrometheusTextWriter writer, WireGuardMetrics? metrics)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (metrics is null)
            return;
        foreach (var family in metrics.Samples().GroupBy(s => s.Name, StringComparer.Ordinal))
        {
            var (type, help) = Families.GetValueOrDefault(family.Key, ("untyped", "WireGuard backend metric"));
            writer.Family(family.Key, type, help);
            foreach (var sample in family)
                writer.Sample(sample.Value, [.. (sample.Labels ?? new Dictionary<string, string>()).Select(l => (l.Key, l.Value))]);
        }
    }
}
