using System.Text.Json.Nodes;

namespace Encryption.Agent.Metrics;

/// <summary>
/// <c>cilium_ipsec_xfrm_states{direction}</c> and <c>cilium_ipsec_xfrm_policies{direction}</c> from the IPsec
/// backend's status (<c>ipsec.xfrm-states</c>, <c>ipsec.xfrm-policies</c>: this agent's own objects by direction).
/// </summary>
internal static class IPsecObjectMetrics
{
    public static void Write(PrometheusTextWriter writer, JsonObject? status)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (status?["ipsec"] is not JsonObject ipsec)
            return;
        if (ipsec["xfrm-states"] is JsonObject states)
        {
            writer.Family("cilium_ipsec_xfrm_states", "gauge", "Number of XFRM states");
            foreach (var direction in (string[])["in", "out"])
                writer.Sample(states[direction]?.GetValue<long>() ?? 0, ("direction", direction));
        }

        if (ipsec["xfrm-policies"] is JsonObject policies)
        {
            writer.Family("cilium_ipsec_xfrm_policies", "gauge", "Number of XFRM policies");
            foreach (var direction in (string[])["in", "out", "fwd"])
                writer.Sample(policies[direction]?.GetValue<long>() ?? 0, ("direction", direction));
        }
    }
}
