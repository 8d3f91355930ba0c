namespace Encryption.Agent.Services;

/// <summary>Exponential backoff: <see cref="Initial"/>, doubling per failure, capped at <see cref="Max"/>.</summary>
internal sealed record Backoff(TimeSpan Initial, TimeSpan Max)
{
    public static readonly Backoff Default = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30));

    /// <summary>The delay after the <paramref name="failures"/>-th consecutive failure (1-based).</summary>
    public TimeSpan Delay(int failures)
    {
        if (failures <= 1)
            return Initial;
        var factor = Math.Pow(2, Math.Min(failures - 1, 30));
        var ticks = Initial.Ticks * factor;
        return ticks >= Max.Ticks ? Max : TimeSpan.FromTicks((long)ticks);
    }
}
