namespace Encryption.Core.Threading;

/// <summary>
/// Wakes a background loop: <see cref="Arm"/> before doing the work, then wait on what it returned; a
/// <see cref="Signal"/> that arrives while the work runs is not lost.
/// </summary>
public sealed class WakeSignal
{
    private TaskCompletionSource _current = New();

    public void Signal() => Volatile.Read(ref _current).TrySetResult();

    /// <summary>Starts a new wait: the returned task completes on the next <see cref="Signal"/>.</summary>
    public Task Arm()
    {
        var next = New();
        Volatile.Write(ref _current, next);
        return next.Task;
    }

    /// <summary>Waits until <paramref name="wake"/> completes or <paramref name="delay"/> passes on <paramref name="time"/>.</summary>
    public static async Task WaitAsync(Task wake, TimeSpan delay, TimeProvider time, CancellationToken cancellationToken)
    {
        if (wake.IsCompleted)
            return;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timer = Task.Delay(delay, time, stop.Token);
        await Task.WhenAny(wake, timer).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
