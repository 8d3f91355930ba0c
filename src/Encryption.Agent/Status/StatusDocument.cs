using Encryption.Agent.Backends;
using Encryption.Agent.Metrics;
using Encryption.Core.Configuration;
using Encryption.Agent.State;
using Encryption.Core.Backends;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Encryption.Agent.Status;

/// <summary>
/// The status API's document (<c>GET /v1/encrypt/status</c>): the backend's <see cref="BackendStatus"/> (type,
/// health, problems, text, and <c>json</c>: Cilium's EncryptionStatus model) merged with the agent's own health,
/// plus an <c>agent</c> object (cluster sync, remote nodes, applies). Agent problems are folded into the model's
/// <c>msg</c>, as Cilium joins every error there.
/// </summary>
internal static class StatusDocument
{
    public static JsonObject Build(EncryptionOptions options, AgentStateSnapshot state, BackendStatus backend)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(backend);
        var (agentHealth, agentProblems) = state.Health();
        var problems = agentProblems.Concat(backend.Problems).ToList();
        var model = (JsonObject)backend.Json.DeepClone();
        if (problems.Count > 0 && model["msg"] is null)
            model["msg"] = string.Join("; ", problems);

        return new JsonObject
        {
            ["node"] = options.Agent.NodeName,
            ["type"] = BackendNames.Name(backend.Type),
            ["health"] = AgentMetrics.Worst(agentHealth, backend.Health).ToString(),
            ["problems"] = new JsonArray([.. problems.Select(p => JsonValue.Create(p))]),
            ["text"] = backend.Text,
            ["json"] = model,
            ["agent"] = new JsonObject
            {
                ["cluster-synced"] = state.ClusterSynced,
                ["remote-nodes"] = state.RemoteNodes,
                ["applies"] = state.ApplySuccesses,
                ["apply-failures"] = state.ApplyFailures,
                ["last-apply"] = state.LastApply?.ToString("O", CultureInfo.InvariantCulture),
                ["last-apply-error"] = state.LastApplyError,
            },
        };
    }

    /// <summary>The document when the backend itself cannot report (its status call threw).</summary>
    public static BackendStatus Unavailable(EncryptionType type, string error) =>
        new(type, HealthState.Failed, "", new JsonObject { ["mode"] = ModeName(type) }) { Problems = [$"backend status: {error}"] };

    /// <summary>Cilium's <c>mode</c> values.</summary>
    public static string ModeName(EncryptionType type) => type switch
    {
        EncryptionType.IPsec => "IPsec",
        EncryptionType.WireGuard => "Wireguard",
        EncryptionType.Ztunnel => "Ztunnel",
        _ => "Disabled",
    };
}
