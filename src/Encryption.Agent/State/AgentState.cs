namespace Encryption.Agent.State;

/// <summary>
/// What the agent's running pieces have done so far: the cluster source's sync, cluster changes seen, backend
/// applies and their outcome, and a fatal error if one stopped the agent. Written by the hosted services, read
/// (as an immutable <see cref="AgentStateSnapshot"/>) by the status API, <c>/healthz</c> and <c>/metrics</c>.
/// </summary>
internal sealed class AgentState(TimeProvider time)
{
    private readonly Lock gate = new();
    private AgentStateSnapshot current = AgentStateSnapshot.Initial;

    public AgentStateSnapshot Snapshot()
    {
        lock (gate)
            return current;
    }

    public void ClusterChangeSeen(string kind)
    {
        lock (gate)
        {
            current = current with
            {
                ClusterChanges = current.ClusterChanges.SetItem(kind, current.ClusterChanges.GetValueOrDefault(kind) + 1),
                LastClusterEvent = time.GetUtcNow(),
                ClusterSynced = current.ClusterSynced || kind == AgentStateSnapshot.ResyncKind,
            };
        }
    }

    public void ApplySucceeded(int remoteNodes, TimeSpan duration)
    {
        lock (gate)
        {
            current = current with
            {
                ApplySuccesses = current.ApplySuccesses + 1,
                ConsecutiveApplyFailures = 0,
                LastApplyError = null,
                LastApply = time.GetUtcNow(),
                LastApplyDuration = duration,
                RemoteNodes = remoteNodes,
            };
        }
    }

    public void ApplyFailed(string error, TimeSpan duration)
    {
        lock (gate)
        {
            current = current with
            {
                ApplyFailures = current.ApplyFailures + 1,
                ConsecutiveApplyFailures = current.ConsecutiveApplyFailures + 1,
                LastApplyError = error,
                LastApply = time.GetUtcNow(),
                LastApplyDuration = duration,
            };
        }
    }

    public void LocalNodePublished()
    {
        lock (gate)
            current = current with { LocalNodePublishes = current.LocalNodePublishes + 1 };
    }

    public void Fatal(string error)
    {
        lock (gate)
            current = current with { FatalError = current.FatalError ?? error };
    }
}
