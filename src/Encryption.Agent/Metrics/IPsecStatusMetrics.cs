using System.Text.Json.Nodes;
using Xfrm.Stats;

namespace Encryption.Agent.Metrics;

/// <summary>
/// Cilium's IPsec metrics, derived from the backend's status (the <c>ipsec</c> object of Cilium's EncryptionStatus
/// model): <c>cilium_ipsec_keys</c> and <c>cilium_ipsec_xfrm_error{type,error}</c>, with Cilium's mapping from
/// /proc/net/xfrm_stat counter names to <c>type</c>/<c>error</c> labels (<see cref="XfrmErrorCatalog.MetricLabels"/>,
/// shared with <c>encrypt diagnose</c>). Written only when the status has an
/// <c>ipsec</c> object.
/// </summary>
internal static class IPsecStatusMetrics
{
    public static void Write(PrometheusTextWriter writer, JsonObject? status)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (status?["ipsec"] is not JsonObject ipsec)
            return;

        writer.Family("cilium_ipsec_keys", "gauge", "Number of keys in use");
        writer.Sample(ipsec["keys-in-use"]?.GetValue<long>() ?? 0);

        writer.Family("cilium_ipsec_xfrm_error", "gauge", "Total number of xfrm errors");
        if (ipsec["xfrm-errors"] is not JsonObject errors)
            return;
        foreach (var (name, value) in errors.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var (type, error) = XfrmErrorCatalog.MetricLabels(name);
            writer.Sample(value?.GetValue<long>() ?? 0, ("error", error), ("type", type));
        }
    }
}
