namespace Encryption.Lab.Tests.Support;

/// <summary>Waits (in real time, polling) for something the code under test does on its own threads.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, int timeoutMs = 30_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline)
                Assert.Fail($"timed out waiting for: {what}");
            await Task.Delay(5);
        }
    }
}
