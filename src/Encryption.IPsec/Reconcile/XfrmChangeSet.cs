using System.Collections.Immutable;
using Xfrm.Client;

namespace Encryption.IPsec.Reconcile;

/// <summary>
/// The changes that turn the observed (owned) XFRM objects into the desired ones, kept by kind so that change sets
/// of several nodes merge into one correctly ordered batch (<see cref="Changes"/>): new states first, then replaced
/// states (delete and re-add, so every template a policy names exists), then policies added or updated in place (an
/// update swaps a template atomically, which is how a peer moves to a new key), then stale policies removed, and
/// stale states last.
/// </summary>
public sealed record XfrmChangeSet
{
    public static XfrmChangeSet Empty { get; } = new();

    public ImmutableArray<XfrmChange> AddedStates { get; init; } = [];

    /// <summary>Pairs: the delete of the old state, then the add of the new one.</summary>
    public ImmutableArray<XfrmChange> ReplacedStates { get; init; } = [];

    public ImmutableArray<XfrmChange> AddedPolicies { get; init; } = [];

    public ImmutableArray<XfrmChange> UpdatedPolicies { get; init; } = [];

    public ImmutableArray<XfrmChange> RemovedPolicies { get; init; } = [];

    public ImmutableArray<XfrmChange> RemovedStates { get; init; } = [];

    public ImmutableArray<XfrmChange> Changes =>
        [.. AddedStates, .. ReplacedStates, .. AddedPolicies, .. UpdatedPolicies, .. RemovedPolicies, .. RemovedStates];

    public int Count => AddedStates.Length + ReplacedStates.Length + AddedPolicies.Length + UpdatedPolicies.Length + RemovedPolicies.Length + RemovedStates.Length;

    public bool IsEmpty => Count == 0;

    public int StatesAdded => AddedStates.Length;

    public int StatesReplaced => ReplacedStates.Length / 2;

    public int StatesRemoved => RemovedStates.Length;

    public int PoliciesAdded => AddedPolicies.Length;

    public int PoliciesUpdated => UpdatedPolicies.Length;

    public int PoliciesRemoved => RemovedPolicies.Length;

    /// <summary>One batch from several change sets, still in the safe order.</summary>
    public static XfrmChangeSet Merge(IReadOnlyCollection<XfrmChangeSet> sets)
    {
        ArgumentNullException.ThrowIfNull(sets);
        return new XfrmChangeSet
        {
            AddedStates = [.. sets.SelectMany(s => s.AddedStates)],
            ReplacedStates = [.. sets.SelectMany(s => s.ReplacedStates)],
            AddedPolicies = [.. sets.SelectMany(s => s.AddedPolicies)],
            UpdatedPolicies = [.. sets.SelectMany(s => s.UpdatedPolicies)],
            RemovedPolicies = [.. sets.SelectMany(s => s.RemovedPolicies)],
            RemovedStates = [.. sets.SelectMany(s => s.RemovedStates)],
        };
    }

    public override string ToString() =>
        $"states +{StatesAdded} ~{StatesReplaced} -{StatesRemoved}, policies +{PoliciesAdded} ~{PoliciesUpdated} -{PoliciesRemoved}";
}
