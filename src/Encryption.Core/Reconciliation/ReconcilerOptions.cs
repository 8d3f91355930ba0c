namespace Encryption.Core.Reconciliation;

/// <summary>Knobs of a <see cref="Reconciler{TKey, TObject}"/>, with documented defaults.</summary>
public sealed record ReconcilerOptions
{
    /// <summary>How often a full resync re-checks every object and prunes (the agent's <c>resync-interval</c>).</summary>
    public TimeSpan ResyncInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>First retry delay after a failure; doubled on each further failure.</summary>
    public TimeSpan RetryMinimum { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest retry delay.</summary>
    public TimeSpan RetryMaximum { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Health turns from Degraded to Failed when an object has kept failing this long.</summary>
    public TimeSpan FailedAfter { get; init; } = TimeSpan.FromMinutes(2);

    public ExponentialBackoff Backoff => new(RetryMinimum, RetryMaximum);
}
