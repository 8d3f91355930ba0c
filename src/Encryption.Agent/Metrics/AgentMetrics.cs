using Encryption.Agent.Backends;
using Encryption.Core.Configuration;
using Encryption.Agent.State;
using Encryption.Core.Backends;
using Encryption.WireGuard.Status;

namespace Encryption.Agent.Metrics;

/// <summary>
/// The agent's <c>/metrics</c> page: Cilium's metric names where Cilium has one (controller runs for the apply loop,
/// the IPsec family from the backend status), <c>cilium_wireguard_*</c> from the WireGuard backend's report,
/// <c>encryption_agent_*</c> for the rest.
/// </summary>
internal static class AgentMetrics
{
    public static string Render(EncryptionOptions options, AgentStateSnapshot state, BackendStatus? status, WireGuardMetrics? wireguard = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(state);
        var w = new PrometheusTextWriter();

        w.Family("encryption_agent_info", "gauge", "Agent identity: node name and backend");
        w.Sample(1, ("backend", BackendNames.Name(options.EffectiveType)), ("node", options.Agent.NodeName));

        w.Family("cilium_controllers_runs_total", "counter", "Number of times that a controller process was run");
        w.Sample(state.ApplySuccesses, ("status", "success"));
        w.Sample(state.ApplyFailures, ("status", "failure"));

        w.Family("cilium_controllers_failing", "gauge", "Number of failing controllers");
        w.Sample(state.ConsecutiveApplyFailures > 0 ? 1 : 0);

        w.Family("encryption_agent_apply_duration_seconds", "gauge", "Duration of the last backend apply");
        w.Sample(state.LastApplyDuration.TotalSeconds);

        w.Family("encryption_agent_remote_nodes", "gauge", "Remote nodes in the last applied cluster snapshot");
        w.Sample(state.RemoteNodes);

        w.Family("encryption_agent_cluster_synced", "gauge", "1 once the cluster source has delivered its first full list");
        w.Sample(state.ClusterSynced ? 1 : 0);

        w.Family("encryption_agent_cluster_changes_total", "counter", "Cluster changes seen, by kind");
        foreach (var (kind, count) in state.ClusterChanges)
            w.Sample(count, ("kind", kind));

        w.Family("encryption_agent_local_node_publishes_total", "counter", "Times this agent wrote its own node object");
        w.Sample(state.LocalNodePublishes);

        var health = Worst(state.Health().Health, status?.Health ?? HealthState.Failed);
        w.Family("encryption_agent_health", "gauge", "Overall health: 1 for the current state, 0 for the others");
        foreach (var candidate in Enum.GetValues<HealthState>())
            w.Sample(candidate == health ? 1 : 0, ("state", candidate.ToString().ToLowerInvariant()));

        IPsecStatusMetrics.Write(w, status?.Json);
        IPsecObjectMetrics.Write(w, status?.Json);
        WireGuardStatusMetrics.Write(w, wireguard);
        return w.ToString();
    }

    public static HealthState Worst(HealthState a, HealthState b) => (HealthState)Math.Max((int)a, (int)b);
}
