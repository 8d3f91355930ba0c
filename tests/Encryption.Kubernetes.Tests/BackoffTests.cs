using Encryption.Kubernetes.Informers;

namespace Encryption.Kubernetes.Tests;

public sealed class BackoffTests
{
    [Fact]
    public void DelaysDoubleUpToTheMaximumAndJitterOnlyShortensThem()
    {
        var backoff = new Backoff(new BackoffOptions { Initial = TimeSpan.FromSeconds(1), Maximum = TimeSpan.FromSeconds(10), Jitter = 0.5 }, new Random(7));

        var delays = Enumerable.Range(0, 7).Select(_ => backoff.Next().TotalSeconds).ToList();

        double[] ceilings = [1, 2, 4, 8, 10, 10, 10];
        Assert.All(delays.Zip(ceilings), d => Assert.InRange(d.First, d.Second / 2, d.Second));
    }

    [Fact]
    public void ResetStartsOverAtTheInitialDelay()
    {
        var backoff = new Backoff(new BackoffOptions { Initial = TimeSpan.FromSeconds(1), Jitter = 0 }, new Random(1));
        backoff.Next();
        backoff.Next();

        backoff.Reset();

        Assert.Equal(TimeSpan.FromSeconds(1), backoff.Next());
    }
}
