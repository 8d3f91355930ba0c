namespace Encryption.Ztunnel.Tests.Support;

/// <summary>A clock that moves only when told; timers are not needed by the code under test here.</summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
