using Encryption.Core.Reconciliation;

namespace Encryption.Core.Tests.Reconciliation;

public class ExponentialBackoffTests
{
    [Theory]
    [InlineData(0, 100)]
    [InlineData(1, 100)]
    [InlineData(2, 200)]
    [InlineData(3, 400)]
    [InlineData(10, 51_200)]
    [InlineData(11, 60_000)]
    [InlineData(1_000, 60_000)]
    public void DelayDoublesFromTheMinimumUpToTheMaximum(int attempt, int milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), new ExponentialBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1)).Delay(attempt));
}
