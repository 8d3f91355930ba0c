using Encryption.Core.Backends;
using Encryption.Core.Threading;
using Microsoft.Extensions.Logging;

namespace Encryption.Core.Reconciliation;

/// <summary>
/// Drives realized state towards a desired set of keyed objects through a backend's idempotent
/// <see cref="IReconcileOperations{TKey, TObject}"/> (the cilium/statedb reconciler shape):
/// <list type="bullet">
/// <item>incremental: <see cref="Upsert"/>, <see cref="Remove"/> and <see cref="SetDesired"/> mark objects pending and wake the loop;</item>
/// <item>full resync every <see cref="ReconcilerOptions.ResyncInterval"/> (or on <see cref="RequestFullResync"/>): re-applies
/// drifted objects (every object without a drift detector), then prunes what is owned but not desired;</item>
/// <item>per-object retry with exponential backoff, per-object status, and health (Degraded while something fails,
/// Failed once it has failed for <see cref="ReconcilerOptions.FailedAfter"/>).</item>
/// </list>
/// Nothing is pruned before the first <see cref="SetDesired"/>: an empty desired set at start must not wipe the host.
/// All time comes from the <see cref="TimeProvider"/>.
/// </summary>
public sealed partial class Reconciler<TKey, TObject> : IDisposable
    where TKey : notnull
{
    private readonly string _name;
    private readonly IReconcileOperations<TKey, TObject> _operations;
    private readonly IDriftDetector<TKey, TObject>? _driftDetector;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ReconcilerOptions _options;
    private readonly IEqualityComparer<TObject> _comparer;
    private readonly Lock _lock = new();
    private readonly Dictionary<TKey, Entry> _entries = [];
    private readonly SemaphoreSlim _processing = new(1, 1);
    private readonly WakeSignal _wake = new();

    private bool _initialized;
    private bool _resyncRequested;
    private DateTimeOffset _nextResync;
    private DateTimeOffset? _lastFullResync;
    private readonly PruneState _prune = new();
    private ReconcilerCounters _counters = ReconcilerCounters.Zero;
    private HealthState _lastHealth = HealthState.Ok;

    public Reconciler(
        string name,
        IReconcileOperations<TKey, TObject> operations,
        TimeProvider time,
        ILogger logger,
        ReconcilerOptions? options = null,
        IDriftDetector<TKey, TObject>? driftDetector = null,
        IEqualityComparer<TObject>? comparer = null)
    {
        _name = name;
        _operations = operations;
        _driftDetector = driftDetector;
        _time = time;
        _logger = logger;
        _options = options ?? new ReconcilerOptions();
        _comparer = comparer ?? EqualityComparer<TObject>.Default;
        _nextResync = time.GetUtcNow() + _options.ResyncInterval;
    }

    public string Name => _name;

    /// <summary>Replaces the whole desired set: new or changed objects are updated, missing ones deleted.</summary>
    public void SetDesired(IEnumerable<KeyValuePair<TKey, TObject>> desired)
    {
        var wanted = desired.ToDictionary(d => d.Key, d => d.Value);
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            foreach (var (key, value) in wanted)
                UpsertLocked(key, value, now);
            foreach (var (key, entry) in _entries)
            {
                if (entry.Operation == ReconcileOperation.Update && !wanted.ContainsKey(key))
                    entry.MarkPending(ReconcileOperation.Delete, now);
            }

            if (!_initialized)
            {
                _initialized = true;
                _prune.Due = true;
            }
        }

        Signal();
    }

    /// <summary>Adds or changes one desired object. An object equal to the one already desired changes nothing.</summary>
    public void Upsert(TKey key, TObject desired)
    {
        lock (_lock)
            UpsertLocked(key, desired, _time.GetUtcNow());
        Signal();
    }

    /// <summary>Removes one desired object: it is deleted from the realized state.</summary>
    public void Remove(TKey key)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(key, out var entry) || entry.Operation == ReconcileOperation.Delete)
                return;
            entry.MarkPending(ReconcileOperation.Delete, _time.GetUtcNow());
        }

        Signal();
    }

    /// <summary>Asks for a full resync on the next pass (e.g. after netlink ENOBUFS or a lost watch).</summary>
    public void RequestFullResync()
    {
        lock (_lock)
            _resyncRequested = true;
        Signal();
    }

    /// <summary>The objects desired now (those waiting for deletion excluded).</summary>
    public IReadOnlyDictionary<TKey, TObject> Desired
    {
        get
        {
            lock (_lock)
                return DesiredLocked();
        }
    }

    /// <summary>Runs passes until cancelled, waking on changes, retries and the resync period.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var wake = _wake.Arm();
                await ReconcileAsync(cancellationToken).ConfigureAwait(false);
                var delay = NextDelay();
                if (delay > TimeSpan.Zero)
                    await WakeSignal.WaitAsync(wake, delay, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>How long until something is due: zero when work is pending.</summary>
    public TimeSpan NextDelay()
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            if (_resyncRequested || _entries.Values.Any(e => e.State is ReconcileState.Pending or ReconcileState.Refreshing))
                return TimeSpan.Zero;
            var next = _nextResync;
            foreach (var entry in _entries.Values)
            {
                if (entry.RetryAt is { } retry && retry < next)
                    next = retry;
            }

            if (_prune.Due)
            {
                var pruneAt = _prune.RetryAt ?? now;
                if (pruneAt < next)
                    next = pruneAt;
            }

            return next > now ? next - now : TimeSpan.Zero;
        }
    }

    private void UpsertLocked(TKey key, TObject desired, DateTimeOffset now)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            if (entry.Operation == ReconcileOperation.Update && _comparer.Equals(entry.Object, desired))
                return;
            entry.Object = desired;
            entry.MarkPending(ReconcileOperation.Update, now);
            return;
        }

        _entries[key] = new Entry(desired, now);
    }

    private Dictionary<TKey, TObject> DesiredLocked() =>
        _entries.Where(e => e.Value.Operation == ReconcileOperation.Update).ToDictionary(e => e.Key, e => e.Value.Object);

    private void Signal() => _wake.Signal();

    public void Dispose() => _processing.Dispose();

    private sealed class Entry(TObject value, DateTimeOffset now)
    {
        public TObject Object { get; set; } = value;

        public ReconcileOperation Operation { get; private set; } = ReconcileOperation.Update;

        public ReconcileState State { get; set; } = ReconcileState.Pending;

        public string? Error { get; set; }

        public int Attempts { get; set; }

        public DateTimeOffset UpdatedAt { get; set; } = now;

        public DateTimeOffset? RetryAt { get; set; }

        public DateTimeOffset? ErrorSince { get; set; }

        /// <summary>Bumped on every change, so the result of an operation on an older version is dropped.</summary>
        public long Version { get; private set; }

        public void MarkPending(ReconcileOperation operation, DateTimeOffset now)
        {
            Operation = operation;
            State = ReconcileState.Pending;
            Error = null;
            Attempts = 0;
            RetryAt = null;
            ErrorSince = null;
            UpdatedAt = now;
            Version++;
        }

        public ObjectStatus ToStatus() => new(State, Operation, Error, Attempts, UpdatedAt, RetryAt);
    }

    private sealed class PruneState
    {
        public bool Due { get; set; }

        public int Attempts { get; set; }

        public string? Error { get; set; }

        public DateTimeOffset? RetryAt { get; set; }

        public DateTimeOffset? ErrorSince { get; set; }
    }
}
