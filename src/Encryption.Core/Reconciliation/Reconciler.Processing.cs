using System.Collections.Immutable;
using Encryption.Core.Backends;

namespace Encryption.Core.Reconciliation;

public sealed partial class Reconciler<TKey, TObject>
{
    /// <summary>
    /// One pass: a full resync if one is due, then every object that is pending, refreshing or due for a retry
    /// (deletes first, then updates, in key order), then a prune if one is due. Operation failures are recorded,
    /// never thrown.
    /// </summary>
    public async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        await _processing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            bool resyncDue;
            lock (_lock)
                resyncDue = _resyncRequested || _time.GetUtcNow() >= _nextResync;
            if (resyncDue)
                await FullResyncAsync(cancellationToken).ConfigureAwait(false);
            await ProcessDueAsync(cancellationToken).ConfigureAwait(false);
            await PruneIfDueAsync(cancellationToken).ConfigureAwait(false);
            ReportHealthChange();
        }
        finally
        {
            _processing.Release();
        }
    }

    private async Task FullResyncAsync(CancellationToken cancellationToken)
    {
        Dictionary<TKey, TObject> desired;
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            _resyncRequested = false;
            _nextResync = now + _options.ResyncInterval;
            _lastFullResync = now;
            _counters = _counters with { FullResyncs = _counters.FullResyncs + 1 };
            if (_initialized)
                _prune.Due = true;
            desired = _entries.Where(e => e.Value.Operation == ReconcileOperation.Update && e.Value.State == ReconcileState.Done)
                .ToDictionary(e => e.Key, e => e.Value.Object);
        }

        ReconcilerLog.FullResync(_logger, _name, desired.Count);
        IReadOnlyCollection<TKey>? drifted = null;
        if (_driftDetector is not null && desired.Count > 0)
        {
            try
            {
                drifted = await _driftDetector.FindDriftAsync(desired, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                ReconcilerLog.DriftDetectionFailed(_logger, _name, e.Message);
            }
        }

        lock (_lock)
        {
            var driftedSet = drifted?.ToHashSet();
            foreach (var (key, entry) in _entries)
            {
                if (!desired.ContainsKey(key) || entry.State != ReconcileState.Done)
                    continue;
                if (driftedSet is null)
                {
                    entry.State = ReconcileState.Refreshing;
                }
                else if (driftedSet.Contains(key))
                {
                    entry.State = ReconcileState.Refreshing;
                    _counters = _counters with { DriftRepairs = _counters.DriftRepairs + 1 };
                    ReconcilerLog.DriftDetected(_logger, _name, key.ToString() ?? "");
                }
            }
        }
    }

    private async Task ProcessDueAsync(CancellationToken cancellationToken)
    {
        List<(TKey Key, TObject Object, ReconcileOperation Operation, long Version)> work;
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            work = Ordered(_entries.Where(e => e.Value.State is ReconcileState.Pending or ReconcileState.Refreshing
                    || (e.Value.State == ReconcileState.Error && e.Value.RetryAt <= now)))
                .OrderBy(e => e.Value.Operation == ReconcileOperation.Delete ? 0 : 1)
                .Select(e => (e.Key, e.Value.Object, e.Value.Operation, e.Value.Version))
                .ToList();
        }

        foreach (var item in work)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Exception? failure = null;
            try
            {
                if (item.Operation == ReconcileOperation.Update)
                    await _operations.UpdateAsync(item.Key, item.Object, cancellationToken).ConfigureAwait(false);
                else
                    await _operations.DeleteAsync(item.Key, item.Object, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e)
            {
                failure = e;
            }

            lock (_lock)
                Record(item.Key, item.Operation, item.Version, failure);
        }
    }

    private void Record(TKey key, ReconcileOperation operation, long version, Exception? failure)
    {
        if (!_entries.TryGetValue(key, out var entry) || entry.Version != version)
            return;
        var now = _time.GetUtcNow();
        var name = key.ToString() ?? "";
        if (failure is null)
        {
            if (entry.Attempts > 0)
                ReconcilerLog.Recovered(_logger, _name, name, entry.Attempts);
            if (operation == ReconcileOperation.Delete)
            {
                _entries.Remove(key);
                _counters = _counters with { Deletes = _counters.Deletes + 1 };
                ReconcilerLog.Deleted(_logger, _name, name);
                return;
            }

            entry.State = ReconcileState.Done;
            entry.Error = null;
            entry.Attempts = 0;
            entry.RetryAt = null;
            entry.ErrorSince = null;
            entry.UpdatedAt = now;
            _counters = _counters with { Updates = _counters.Updates + 1 };
            ReconcilerLog.Updated(_logger, _name, name);
            return;
        }

        entry.Attempts++;
        entry.State = ReconcileState.Error;
        entry.Error = failure.Message;
        entry.ErrorSince ??= now;
        entry.UpdatedAt = now;
        var delay = _options.Backoff.Delay(entry.Attempts);
        entry.RetryAt = now + delay;
        _counters = _counters with { Failures = _counters.Failures + 1 };
        ReconcilerLog.OperationFailed(_logger, _name, operation, name, entry.Attempts, delay, failure.Message);
    }

    private async Task PruneIfDueAsync(CancellationToken cancellationToken)
    {
        Dictionary<TKey, TObject> desired;
        lock (_lock)
        {
            if (!_prune.Due || _prune.RetryAt > _time.GetUtcNow())
                return;
            desired = DesiredLocked();
        }

        try
        {
            await _operations.PruneAsync(desired, cancellationToken).ConfigureAwait(false);
            lock (_lock)
            {
                _prune.Due = false;
                _prune.Attempts = 0;
                _prune.Error = null;
                _prune.RetryAt = null;
                _prune.ErrorSince = null;
                _counters = _counters with { Prunes = _counters.Prunes + 1 };
            }

            ReconcilerLog.Pruned(_logger, _name, desired.Count);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            lock (_lock)
            {
                var now = _time.GetUtcNow();
                _prune.Attempts++;
                _prune.Error = e.Message;
                _prune.ErrorSince ??= now;
                var delay = _options.Backoff.Delay(_prune.Attempts);
                _prune.RetryAt = now + delay;
                _counters = _counters with { Failures = _counters.Failures + 1 };
                ReconcilerLog.PruneFailed(_logger, _name, _prune.Attempts, delay, e.Message);
            }
        }
    }

    /// <summary>Health, every object's status and the counters, at this moment.</summary>
    public ReconcilerStatus<TKey> Status
    {
        get
        {
            lock (_lock)
            {
                var now = _time.GetUtcNow();
                var objects = Ordered(_entries).Select(e => new ReconcileEntry<TKey>(e.Key, e.Value.ToStatus())).ToImmutableArray();
                var (health, message) = Health(objects, now);
                return new ReconcilerStatus<TKey>(_name, health, message, objects, _counters, _lastFullResync, _prune.Error);
            }
        }
    }

    private (HealthState Health, string Message) Health(ImmutableArray<ReconcileEntry<TKey>> objects, DateTimeOffset now)
    {
        var failing = objects.Where(o => o.Status.State == ReconcileState.Error).ToList();
        if (failing.Count == 0 && _prune.Error is null)
        {
            var done = objects.Count(o => o.Status.State == ReconcileState.Done);
            return (HealthState.Ok, $"{done} of {objects.Length} objects reconciled");
        }

        var since = _entries.Values.Where(e => e.ErrorSince is not null).Select(e => e.ErrorSince!.Value).Append(_prune.ErrorSince ?? now).Min();
        var health = now - since >= _options.FailedAfter ? HealthState.Failed : HealthState.Degraded;
        var parts = new List<string>();
        if (failing.Count > 0)
            parts.Add($"{failing.Count} of {objects.Length} objects failing; {failing[0].Key}: {failing[0].Status.Error}");
        if (_prune.Error is not null)
            parts.Add($"prune failing: {_prune.Error}");
        return (health, string.Join("; ", parts));
    }

    private void ReportHealthChange()
    {
        var status = Status;
        HealthState old;
        lock (_lock)
        {
            old = _lastHealth;
            _lastHealth = status.Health;
        }

        if (old != status.Health)
            ReconcilerLog.HealthChanged(_logger, _name, old, status.Health, status.Message);
    }

    private static readonly IComparer<TKey> KeyOrder = typeof(TKey) == typeof(string) ? (IComparer<TKey>)StringComparer.Ordinal : Comparer<TKey>.Default;

    /// <summary>Key order when keys are comparable (stable, readable status tables), insertion order otherwise.</summary>
    private static IEnumerable<KeyValuePair<TKey, TValue>> Ordered<TValue>(IEnumerable<KeyValuePair<TKey, TValue>> items) =>
        typeof(IComparable<TKey>).IsAssignableFrom(typeof(TKey)) || typeof(IComparable).IsAssignableFrom(typeof(TKey))
            ? items.OrderBy(i => i.Key, KeyOrder)
            : items;
}
