using Encryption.Core.Backends;
using Encryption.Core.Reconciliation;
using Encryption.Core.Tests.Support;

namespace Encryption.Core.Tests.Reconciliation;

public sealed class ReconcilerTests : IDisposable
{
    private static readonly TimeSpan Resync = TimeSpan.FromMinutes(1);
    private readonly FakeTimeProvider _time = new();
    private readonly MemoryTarget _target = new();
    private readonly ListLogger _log = new();
    private readonly Reconciler<string, string> _reconciler;

    public ReconcilerTests()
    {
        _reconciler = Create(driftDetector: null);
    }

    public void Dispose() => _reconciler.Dispose();

    private Reconciler<string, string> Create(IDriftDetector<string, string>? driftDetector) =>
        new("test", _target, _time, _log, new ReconcilerOptions { ResyncInterval = Resync }, driftDetector);

    private Task Pass(Reconciler<string, string>? reconciler = null) => (reconciler ?? _reconciler).ReconcileAsync(CancellationToken.None);

    private static KeyValuePair<string, string>[] Objects(params (string Key, string Value)[] items) =>
        items.Select(i => KeyValuePair.Create(i.Key, i.Value)).ToArray();

    [Fact]
    public async Task AnUpsertedObjectIsUpdatedAndDone()
    {
        _reconciler.Upsert("a", "1");
        Assert.Equal(ReconcileState.Pending, _reconciler.Status.Of("a")!.State);

        await Pass();

        Assert.Equal(["update(a)"], _target.TakeOperations());
        Assert.Equal("1", _target.Realized["a"]);
        Assert.Equal(ReconcileState.Done, _reconciler.Status.Of("a")!.State);
        Assert.Equal(HealthState.Ok, _reconciler.Status.Health);
    }

    [Fact]
    public async Task UpsertOfAnEqualObjectDoesNothing()
    {
        _reconciler.Upsert("a", "1");
        await Pass();
        _target.TakeOperations();

        _reconciler.Upsert("a", "1");
        _reconciler.SetDesired(Objects(("a", "1")));
        await Pass();

        Assert.Equal(["prune"], _target.TakeOperations());
        Assert.Equal(1, _reconciler.Status.Counters.Updates);
    }

    [Fact]
    public async Task AChangedObjectIsUpdatedAgain()
    {
        _reconciler.Upsert("a", "1");
        await Pass();

        _reconciler.Upsert("a", "2");
        await Pass();

        Assert.Equal(["update(a)", "update(a)"], _target.TakeOperations());
        Assert.Equal("2", _target.Realized["a"]);
    }

    [Fact]
    public async Task ARemovedObjectIsDeletedAndForgotten()
    {
        _reconciler.Upsert("a", "1");
        await Pass();

        _reconciler.Remove("a");
        Assert.Equal(ReconcileOperation.Delete, _reconciler.Status.Of("a")!.Operation);
        await Pass();

        Assert.Equal(["update(a)", "delete(a)"], _target.TakeOperations());
        Assert.Empty(_target.Realized);
        Assert.Null(_reconciler.Status.Of("a"));
        Assert.Empty(_reconciler.Desired);
    }

    [Fact]
    public async Task DeleteOfAnObjectNeverRealizedSucceeds()
    {
        _reconciler.Upsert("a", "1");
        _reconciler.Remove("a");

        await Pass();

        Assert.Equal(["delete(a)"], _target.TakeOperations());
        Assert.Empty(_reconciler.Status.Objects);
        Assert.Equal(HealthState.Ok, _reconciler.Status.Health);
    }

    [Fact]
    public async Task RemovingAnUnknownKeyDoesNothing()
    {
        _reconciler.Remove("ghost");
        await Pass();

        Assert.Empty(_target.TakeOperations());
    }

    [Fact]
    public async Task AFailedUpdateIsRetriedWithExponentialBackoff()
    {
        _target.Failures["a"] = 3;
        _reconciler.Upsert("a", "1");
        var start = _time.GetUtcNow();

        await Pass();
        var status = _reconciler.Status.Of("a")!;
        Assert.Equal(ReconcileState.Error, status.State);
        Assert.Equal(1, status.Attempts);
        Assert.Equal("a: injected failure", status.Error);
        Assert.Equal(start + TimeSpan.FromMilliseconds(100), status.RetryAt);

        await Pass();
        Assert.Equal(["update(a)"], _target.TakeOperations());

        _time.Advance(TimeSpan.FromMilliseconds(100));
        await Pass();
        Assert.Equal(2, _reconciler.Status.Of("a")!.Attempts);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromMilliseconds(200), _reconciler.Status.Of("a")!.RetryAt);

        _time.Advance(TimeSpan.FromMilliseconds(199));
        await Pass();
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await Pass();
        Assert.Equal(3, _reconciler.Status.Of("a")!.Attempts);

        _time.Advance(TimeSpan.FromMilliseconds(400));
        await Pass();

        Assert.Equal(["update(a)", "update(a)", "update(a)"], _target.TakeOperations());
        Assert.Equal(new ObjectStatus(ReconcileState.Done, ReconcileOperation.Update, null, 0, _time.GetUtcNow(), null), _reconciler.Status.Of("a"));
        Assert.Equal(3, _reconciler.Status.Counters.Failures);
    }

    [Fact]
    public async Task AFailingObjectDoesNotHoldUpTheOthers()
    {
        _target.Failures["b"] = int.MaxValue;
        _reconciler.SetDesired(Objects(("a", "1"), ("b", "2"), ("c", "3")));

        await Pass();

        Assert.Equal(["update(a)", "update(b)", "update(c)", "prune"], _target.TakeOperations());
        Assert.Equal(2, _reconciler.Status.Count(ReconcileState.Done));
        Assert.Equal(1, _reconciler.Status.Count(ReconcileState.Error));
    }

    [Fact]
    public async Task HealthIsDegradedWhileFailingThenFailedThenOkWhenFixed()
    {
        _target.Failures["b"] = int.MaxValue;
        _reconciler.SetDesired(Objects(("a", "1"), ("b", "2")));

        await Pass();
        Assert.Equal(HealthState.Degraded, _reconciler.Status.Health);
        Assert.Equal("1 of 2 objects failing; b: b: injected failure", _reconciler.Status.Message);

        for (var i = 0; i < 12; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(10));
            await Pass();
        }

        Assert.Equal(HealthState.Failed, _reconciler.Status.Health);

        _target.Failures.Clear();
        _time.Advance(TimeSpan.FromMinutes(1));
        await Pass();

        Assert.Equal(HealthState.Ok, _reconciler.Status.Health);
        Assert.Equal("2 of 2 objects reconciled", _reconciler.Status.Message);
        Assert.Contains(_log.Entries, e => e.Id.Id == 1109 && e.Message.Contains("Failed -> Ok", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AFullResyncReappliesEveryObjectWithoutADriftDetector()
    {
        _reconciler.SetDesired(Objects(("a", "1"), ("b", "2")));
        await Pass();
        _target.TakeOperations();

        _time.Advance(Resync);
        await Pass();

        Assert.Equal(["update(a)", "update(b)", "prune"], _target.TakeOperations());
        Assert.Equal(1, _reconciler.Status.Counters.FullResyncs);
        Assert.Equal(_time.GetUtcNow(), _reconciler.Status.LastFullResync);
    }

    [Fact]
    public async Task AFullResyncWithADriftDetectorRepairsOnlyWhatDrifted()
    {
        using var reconciler = Create(_target);
        reconciler.SetDesired(Objects(("a", "1"), ("b", "2"), ("c", "3")));
        await Pass(reconciler);
        _target.TakeOperations();
        _target.Realized["b"] = "tampered";
        _target.Realized.Remove("c");

        _time.Advance(Resync);
        await Pass(reconciler);

        Assert.Equal(["update(b)", "update(c)", "prune"], _target.TakeOperations());
        Assert.Equal("2", _target.Realized["b"]);
        Assert.Equal(2, reconciler.Status.Counters.DriftRepairs);
        Assert.Contains(_log.Entries, e => e.Id.Id == 1105 && e.Message.Contains("drift detected on b", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NoDriftMeansNoWrites()
    {
        using var reconciler = Create(_target);
        reconciler.SetDesired(Objects(("a", "1")));
        await Pass(reconciler);
        _target.TakeOperations();

        _time.Advance(Resync);
        await Pass(reconciler);

        Assert.Equal(["prune"], _target.TakeOperations());
    }

    [Fact]
    public async Task PruneRemovesOwnedObjectsNotDesiredAndKeepsForeignOnes()
    {
        _target.Realized["stale"] = "left by a previous run";
        _target.Realized["foreign"] = "someone else's";
        _target.Foreign.Add("foreign");

        _reconciler.SetDesired(Objects(("a", "1")));
        await Pass();

        Assert.Equal(["update(a)", "prune"], _target.TakeOperations());
        Assert.Equal(["a", "foreign"], _target.Realized.Keys.Order());
    }

    [Fact]
    public async Task NothingIsPrunedBeforeTheDesiredStateIsFirstSet()
    {
        _target.Realized["stale"] = "x";
        _reconciler.Upsert("a", "1");

        await Pass();
        _reconciler.RequestFullResync();
        await Pass();

        Assert.DoesNotContain("prune", _target.TakeOperations());
        Assert.True(_target.Realized.ContainsKey("stale"));
    }

    [Fact]
    public async Task SetDesiredDeletesObjectsNoLongerDesiredBeforeUpdatingNewOnes()
    {
        _reconciler.SetDesired(Objects(("b", "1"), ("a", "1")));
        await Pass();
        _target.TakeOperations();

        _reconciler.SetDesired(Objects(("a", "1"), ("c", "1")));
        await Pass();

        Assert.Equal(["delete(b)", "update(c)"], _target.TakeOperations());
        Assert.Equal(["a", "c"], _reconciler.Desired.Keys.Order());
    }

    [Fact]
    public async Task AnObjectChangedDuringItsUpdateIsUpdatedAgain()
    {
        _target.DuringUpdate = key =>
        {
            _target.DuringUpdate = null;
            _reconciler.Upsert(key, "2");
        };
        _reconciler.Upsert("a", "1");

        await Pass();
        Assert.Equal(ReconcileState.Pending, _reconciler.Status.Of("a")!.State);
        await Pass();

        Assert.Equal("2", _target.Realized["a"]);
        Assert.Equal(ReconcileState.Done, _reconciler.Status.Of("a")!.State);
    }

    [Fact]
    public async Task ReaddingAnObjectWhoseDeleteFailsTurnsItBackIntoAnUpdate()
    {
        _reconciler.Upsert("a", "1");
        await Pass();
        _target.Failures["a"] = 1;
        _reconciler.Remove("a");
        await Pass();
        Assert.Equal(ReconcileOperation.Delete, _reconciler.Status.Of("a")!.Operation);

        _reconciler.Upsert("a", "1");
        await Pass();

        Assert.Equal(["update(a)", "delete(a)", "update(a)"], _target.TakeOperations());
        Assert.Equal(new ObjectStatus(ReconcileState.Done, ReconcileOperation.Update, null, 0, _time.GetUtcNow(), null), _reconciler.Status.Of("a"));
    }

    [Fact]
    public async Task AFailedPruneIsRetriedWithBackoffAndReported()
    {
        _target.PruneFailures = 1;
        _reconciler.SetDesired(Objects(("a", "1")));

        await Pass();
        Assert.Equal("prune: injected failure", _reconciler.Status.PruneError);
        Assert.Equal(HealthState.Degraded, _reconciler.Status.Health);
        Assert.Equal(TimeSpan.FromMilliseconds(100), _reconciler.NextDelay());

        _time.Advance(TimeSpan.FromMilliseconds(100));
        await Pass();

        Assert.Equal(["update(a)", "prune", "prune"], _target.TakeOperations());
        Assert.Null(_reconciler.Status.PruneError);
        Assert.Equal(HealthState.Ok, _reconciler.Status.Health);
    }

    [Fact]
    public async Task NextDelayIsZeroWithWorkPendingTheRetryTimeAfterAFailureAndTheResyncWhenIdle()
    {
        _reconciler.Upsert("a", "1");
        Assert.Equal(TimeSpan.Zero, _reconciler.NextDelay());

        _target.Failures["a"] = 1;
        await Pass();
        Assert.Equal(TimeSpan.FromMilliseconds(100), _reconciler.NextDelay());

        _time.Advance(TimeSpan.FromMilliseconds(100));
        await Pass();
        Assert.Equal(Resync - TimeSpan.FromMilliseconds(100), _reconciler.NextDelay());
    }

    [Fact]
    public async Task StatusListsEveryObjectInKeyOrder()
    {
        _target.Failures["b"] = int.MaxValue;
        _reconciler.SetDesired(Objects(("c", "3"), ("a", "1"), ("b", "2")));
        await Pass();
        _reconciler.Upsert("d", "4");

        var status = _reconciler.Status;

        Assert.Equal("test", status.Name);
        Assert.Equal(["a", "b", "c", "d"], status.Objects.Select(o => o.Key));
        Assert.Equal(
            [ReconcileState.Done, ReconcileState.Error, ReconcileState.Done, ReconcileState.Pending],
            status.Objects.Select(o => o.Status.State));
    }

    [Fact]
    public async Task FailuresAreLoggedWithTheKeyAttemptAndError()
    {
        _target.Failures["a"] = 1;
        _reconciler.Upsert("a", "1");

        await Pass();

        var entry = Assert.Single(_log.Entries, e => e.Id.Id == 1101);
        Assert.Equal("test: Update of a failed (attempt 1, retry in 00:00:00.1000000): a: injected failure", entry.Message);
    }

    [Fact]
    public async Task RunReactsToChangesAndRetriesOnTheClock()
    {
        using var stop = new CancellationTokenSource();
        var run = _reconciler.RunAsync(stop.Token);

        _reconciler.Upsert("a", "1");
        await Eventually.True(() => _reconciler.Status.Of("a")?.State == ReconcileState.Done, "a reconciled");

        _target.Failures["b"] = 1;
        _reconciler.Upsert("b", "2");
        await Eventually.True(() => _reconciler.Status.Of("b")?.State == ReconcileState.Error && _time.ActiveTimers == 1, "b failed and a retry is scheduled");
        Assert.Equal(ReconcileState.Error, _reconciler.Status.Of("b")!.State);

        _time.Advance(TimeSpan.FromMilliseconds(100));
        await Eventually.True(() => _reconciler.Status.Of("b")?.State == ReconcileState.Done, "b retried");

        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task RunResyncsPeriodically()
    {
        using var stop = new CancellationTokenSource();
        _reconciler.SetDesired(Objects(("a", "1")));
        var run = _reconciler.RunAsync(stop.Token);
        await Eventually.True(() => _reconciler.Status.Counters.Prunes == 1 && _time.ActiveTimers == 1, "initial pass");

        _time.Advance(Resync);
        await Eventually.True(() => _reconciler.Status.Counters.FullResyncs == 1 && _reconciler.Status.Counters.Prunes == 2, "resync");

        await stop.CancelAsync();
        await run;
        Assert.Equal(2, _reconciler.Status.Counters.Updates);
    }
}
