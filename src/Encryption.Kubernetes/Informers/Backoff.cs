namespace Encryption.Kubernetes.Informers;

/// <summary>The delay sequence of one retry loop. Not thread-safe: one per loop.</summary>
public sealed class Backoff
{
    private readonly BackoffOptions _options;
    private readonly Random _random;
    private int _attempt;

    public Backoff(BackoffOptions options, Random random)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _random = random ?? throw new ArgumentNullException(nameof(random));
    }

    /// <summary>The next delay; each call doubles the base (up to the maximum).</summary>
    public TimeSpan Next()
    {
        var ceiling = _options.Initial.TotalMilliseconds * Math.Pow(_options.Multiplier, _attempt);
        var delay = Math.Min(ceiling, _options.Maximum.TotalMilliseconds);
        if (ceiling < _options.Maximum.TotalMilliseconds)
            _attempt++;
        var jitter = Math.Clamp(_options.Jitter, 0, 1);
        return TimeSpan.FromMilliseconds(delay * (1 - (jitter * _random.NextDouble())));
    }

    /// <summary>After a success: the next failure waits <see cref="BackoffOptions.Initial"/> again.</summary>
    public void Reset() => _attempt = 0;
}
