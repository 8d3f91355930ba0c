using System.Collections.Immutable;
using Xfrm.Client;

namespace Encryption.IPsec.Reconcile;

/// <summary>
/// The changes that turn the observed (owned) XFRM objects into the desired ones, in the order they must be applied:
/// new and replaced states first (so every template a policy names exists), then policies added or updated in place
/// (an update swaps a template atomically, which is how a peer moves to a new key), then stale policies removed, and
/// stale states last.
/// </summary>
public sealed record XfrmChangeSet(ImmutableArray<XfrmChange> Changes)
{
    public static XfrmChangeSet Empty { get; } = new([]);

    public bool IsEmpty => Changes.IsEmpty;

    public int StatesAdded { get; init; }

    public int StatesReplaced { get; init; }

    public int StatesRemoved { get; init; }

    public int PoliciesAdded { get; init; }

    public int PoliciesUpdated { get; init; }

    public int PoliciesRemoved { get; init; }

    public override string ToString() =>
        $"states +{StatesAdded} ~{StatesReplaced} -{StatesRemoved}, policies +{PoliciesAdded} ~{PoliciesUpdated} -{PoliciesRemoved}";
}
