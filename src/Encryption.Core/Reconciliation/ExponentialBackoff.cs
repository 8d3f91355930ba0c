namespace Encryption.Core.Reconciliation;

/// <summary>Delay before retry <c>n</c> (1-based): <c>minimum * 2^(n-1)</c>, capped at <c>maximum</c>. No jitter: deterministic under test.</summary>
public readonly record struct ExponentialBackoff(TimeSpan Minimum, TimeSpan Maximum)
{
    public TimeSpan Delay(int attempt)
    {
        if (attempt <= 1)
            return Minimum < Maximum ? Minimum : Maximum;
        var exponent = Math.Min(attempt - 1, 62);
        var ticks = Minimum.Ticks * Math.Pow(2, exponent);
        return ticks >= Maximum.Ticks ? Maximum : TimeSpan.FromTicks((long)ticks);
    }
}
