using System.Collections.Immutable;

namespace Encryption.Ztunnel.Ca;

/// <summary>
/// The identities of the workloads enrolled on this node: the only ones the CA signs for. Replaced
/// whole on every enrollment pass; reads are lock-free.
/// </summary>
public sealed class LocalWorkloadIdentities
{
    private ImmutableHashSet<SpiffeId> identities = [];

    public ImmutableHashSet<SpiffeId> Current => Volatile.Read(ref identities);

    public bool Contains(SpiffeId id) => Current.Contains(id);

    public void Replace(IEnumerable<SpiffeId> ids) => Volatile.Write(ref identities, [.. ids]);
}
