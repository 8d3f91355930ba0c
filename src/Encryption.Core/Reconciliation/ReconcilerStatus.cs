using System.Collections.Immutable;
using Encryption.Core.Backends;

namespace Encryption.Core.Reconciliation;

/// <summary>Running totals, for metrics.</summary>
public sealed record ReconcilerCounters(long Updates, long Deletes, long Prunes, long Failures, long DriftRepairs, long FullResyncs)
{
    public static readonly ReconcilerCounters Zero = new(0, 0, 0, 0, 0, 0);
}

/// <summary>A reconciler's state at one moment: health, every object's status, counters.</summary>
public sealed record ReconcilerStatus<TKey>(
    string Name,
    HealthState Health,
    string Message,
    ImmutableArray<ReconcileEntry<TKey>> Objects,
    ReconcilerCounters Counters,
    DateTimeOffset? LastFullResync,
    string? PruneError)
    where TKey : notnull
{
    /// <summary>The status of <paramref name="key"/>, or null if the reconciler does not track it.</summary>
    public ObjectStatus? Of(TKey key) => Objects.FirstOrDefault(e => EqualityComparer<TKey>.Default.Equals(e.Key, key))?.Status;

    public int Count(ReconcileState state) => Objects.Count(e => e.Status.State == state);
}
