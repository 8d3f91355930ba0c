using System.Diagnostics;

namespace Encryption.Kubernetes.Tests.Support;

/// <summary>Waits for asynchronous work (real sockets) to reach a state, moving fake time along meanwhile.</summary>
public static class Eventually
{
    private static readonly TimeSpan RealTimeLimit = TimeSpan.FromSeconds(30);

    /// <param name="condition">What must become true.</param>
    /// <param name="what">Said in the failure message.</param>
    /// <param name="time">Advanced by <paramref name="step"/> per poll, so backoff delays elapse.</param>
    /// <param name="step">Fake time per poll (default 1 s).</param>
    public static async Task True(Func<bool> condition, string what, FakeTimeProvider? time = null, TimeSpan? step = null)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > RealTimeLimit)
                Assert.Fail($"Timed out waiting for: {what}");
            time?.Advance(step ?? TimeSpan.FromSeconds(1));
            await Task.Delay(10);
        }
    }
}
