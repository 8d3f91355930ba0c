namespace Encryption.Core.Reconciliation;

/// <summary>
/// What a backend supplies to <see cref="Reconciler{TKey, TObject}"/>: idempotent operations on the realized state
/// (kernel XFRM, a WireGuard device, ztunnel). Retries, backoff, refresh, drift repair and status belong to the
/// reconciler, not to the operations.
/// </summary>
/// <remarks>Keys are logged with <c>ToString()</c>: a key must never contain key material.</remarks>
public interface IReconcileOperations<TKey, TObject>
    where TKey : notnull
{
    /// <summary>
    /// Makes <paramref name="desired"/> real, creating or replacing it. Called again for an object already in place
    /// (refresh, retry), so it must be idempotent.
    /// </summary>
    Task UpdateAsync(TKey key, TObject desired, CancellationToken cancellationToken);

    /// <summary>Removes the object last desired under <paramref name="key"/>. Deleting something already gone succeeds.</summary>
    Task DeleteAsync(TKey key, TObject last, CancellationToken cancellationToken);

    /// <summary>
    /// Removes realized objects this agent owns that are not in <paramref name="desired"/> (left by a previous run, or
    /// whose delete was lost). Touches only owned objects: foreign ones survive.
    /// </summary>
    Task PruneAsync(IReadOnlyDictionary<TKey, TObject> desired, CancellationToken cancellationToken);
}

/// <summary>
/// Optional: compares realized state with the desired state during a full resync, so only drifted objects are
/// rewritten (and counted as drift). Without one, a full resync re-applies every object.
/// </summary>
public interface IDriftDetector<TKey, TObject>
    where TKey : notnull
{
    /// <summary>Keys of <paramref name="desired"/> whose realized object is missing or differs.</summary>
    Task<IReadOnlyCollection<TKey>> FindDriftAsync(IReadOnlyDictionary<TKey, TObject> desired, CancellationToken cancellationToken);
}
