namespace Encryption.Ztunnel.Ca;

/// <summary>How long a workload certificate lives: the requested time when given, capped at the maximum.</summary>
public static class CertificateLifetime
{
    /// <summary>Clock skew tolerated between this agent and peers: NotBefore is set this far back.</summary>
    public static readonly TimeSpan Backdate = TimeSpan.FromMinutes(5);

    public static TimeSpan Choose(long requestedSeconds, TimeSpan defaultTtl, TimeSpan maxTtl)
    {
        if (requestedSeconds <= 0)
            return defaultTtl < maxTtl ? defaultTtl : maxTtl;
        var requested = requestedSeconds >= (long)maxTtl.TotalSeconds ? maxTtl : TimeSpan.FromSeconds(requestedSeconds);
        return requested;
    }
}
