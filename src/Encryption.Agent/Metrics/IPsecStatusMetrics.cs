using System.Collections.Frozen;
using System.Text.Json.Nodes;

namespace Encryption.Agent.Metrics;

/// <summary>
/// Cilium's IPsec metrics, derived from the backend's status (the <c>ipsec</c> object of Cilium's EncryptionStatus
/// model): <c>cilium_ipsec_keys</c> and <c>cilium_ipsec_xfrm_error{type,error}</c>, with Cilium's mapping from
/// /proc/net/xfrm_stat counter names to <c>type</c>/<c>error</c> labels. Written only when the status has an
/// <c>ipsec</c> object.
/// </summary>
internal static class IPsecStatusMetrics
{
    /// <summary>Kernel counter name to (type, error) label values, as Cilium's XFRM collector maps them.</summary>
    public static readonly FrozenDictionary<string, (string Type, string Error)> Labels = new Dictionary<string, (string, string)>
    {
        ["XfrmInError"] = ("inbound", "other"),
        ["XfrmInBufferError"] = ("inbound", "no_buffer"),
        ["XfrmInHdrError"] = ("inbound", "header"),
        ["XfrmInNoStates"] = ("inbound", "no_state"),
        ["XfrmInStateProtoError"] = ("inbound", "state_protocol"),
        ["XfrmInStateModeError"] = ("inbound", "state_mode"),
        ["XfrmInStateSeqError"] = ("inbound", "state_sequence"),
        ["XfrmInStateExpired"] = ("inbound", "state_expired"),
        ["XfrmInStateMismatch"] = ("inbound", "state_mismatched"),
        ["XfrmInStateInvalid"] = ("inbound", "state_invalid"),
        ["XfrmInTmplMismatch"] = ("inbound", "template_mismatched"),
        ["XfrmInNoPols"] = ("inbound", "no_policy"),
        ["XfrmInPolBlock"] = ("inbound", "policy_blocked"),
        ["XfrmInPolError"] = ("inbound", "policy"),
        ["XfrmFwdHdrError"] = ("inbound", "forward_header"),
        ["XfrmAcquireError"] = ("inbound", "acquire"),
        ["XfrmOutError"] = ("outbound", "other"),
        ["XfrmOutBundleGenError"] = ("outbound", "bundle_generation"),
        ["XfrmOutBundleCheckError"] = ("outbound", "bundle_check"),
        ["XfrmOutNoStates"] = ("outbound", "no_state"),
        ["XfrmOutStateProtoError"] = ("outbound", "state_protocol"),
        ["XfrmOutStateModeError"] = ("outbound", "state_mode"),
        ["XfrmOutStateSeqError"] = ("outbound", "state_sequence"),
        ["XfrmOutStateExpired"] = ("outbound", "state_expired"),
        ["XfrmOutPolBlock"] = ("outbound", "policy_blocked"),
        ["XfrmOutPolDead"] = ("outbound", "policy_dead"),
        ["XfrmOutPolError"] = ("outbound", "policy"),
        ["XfrmOutStateInvalid"] = ("outbound", "state_invalid"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

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
            // Counters Cilium has no label for (e.g. XfrmInStateDirError on 6.10+) are exported, not hidden.
            var (type, error) = Labels.TryGetValue(name, out var labels)
                ? labels
                : (name.StartsWith("XfrmOut", StringComparison.Ordinal) ? "outbound" : "inbound", name);
            writer.Sample(value?.GetValue<long>() ?? 0, ("error", error), ("type", type));
        }
    }
}
