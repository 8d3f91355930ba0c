using Encryption.Core.Backends;
using System.Collections.Immutable;

namespace Encryption.Agent.State;

/// <summary>An immutable copy of <see cref="AgentState"/>, with the agent-level health derived from it.</summary>
internal sealed record AgentStateSnapshot
{
    public const string ResyncKind = "resync";

    public static readonly AgentStateSnapshot Initial = new();

    /// <summary>True once the cluster source delivered its first full list.</summary>
    public bool ClusterSynced { get; init; }

    /// <summary>Cluster changes seen, by kind (node, namespace, pod, resync).</summary>
    public ImmutableSortedDictionary<string, long> ClusterChanges { get; init; } = ImmutableSortedDictionary<string, long>.Empty;

    public DateTimeOffset? LastClusterEvent { get; init; }

    public long ApplySuccesses { get; init; }

    public long ApplyFailures { get; init; }

    public int ConsecutiveApplyFailures { get; init; }

    public string? LastApplyError { get; init; }

    public DateTimeOffset? LastApply { get; init; }

    public TimeSpan LastApplyDuration { get; init; }

    /// <summary>Remote nodes in the last successfully applied snapshot.</summary>
    public int RemoteNodes { get; init; }

    public long LocalNodePublishes { get; init; }

    public string? FatalError { get; init; }

    /// <summary>The agent's own health (the backend reports its own separately) and what is wrong.</summary>
    public (HealthState Health, IReadOnlyList<string> Problems) Health()
    {
        var problems = new List<string>();
        var health = HealthState.Ok;
        if (FatalError is not null)
        {
            problems.Add($"agent stopped: {FatalError}");
            return (HealthState.Failed, problems);
        }

        if (!ClusterSynced)
        {
            problems.Add("waiting for the cluster source's initial list");
            health = HealthState.Degraded;
        }
        else if (ApplySuccesses == 0 && ApplyFailures == 0)
        {
            problems.Add("waiting for the first apply");
            health = HealthState.Degraded;
        }

        if (LastApplyError is not null)
        {
            problems.Add($"apply failed ({ConsecutiveApplyFailures} in a row): {LastApplyError}");
            health = HealthState.Degraded;
        }

        return (health, problems);
    }
}
