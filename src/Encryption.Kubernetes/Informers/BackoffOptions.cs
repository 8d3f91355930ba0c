namespace Encryption.Kubernetes.Informers;

/// <summary>Exponential backoff: <see cref="Initial"/> doubling up to <see cref="Maximum"/>, each delay
/// shortened by a random fraction up to <see cref="Jitter"/> so agents do not reconnect in lockstep.</summary>
public sealed record BackoffOptions
{
    public TimeSpan Initial { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan Maximum { get; init; } = TimeSpan.FromSeconds(30);

    public double Multiplier { get; init; } = 2.0;

    /// <summary>0 = no jitter, 0.5 = each delay is uniformly in [d/2, d].</summary>
    public double Jitter { get; init; } = 0.5;
}
