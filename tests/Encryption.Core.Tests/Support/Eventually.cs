namespace Encryption.Core.Tests.Support;

/// <summary>Waits (in real time) for a condition that background work makes true.</summary>
public static class Eventually
{
    public static async Task True(Func<bool> condition, string what, int timeoutMs = 30_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline)
                throw new TimeoutException($"timed out waiting for: {what}");
            await Task.Delay(10);
        }
    }
}
