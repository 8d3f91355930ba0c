namespace Xfrm.Model;

/// <summary>Soft and hard limits of a state or policy (<c>struct xfrm_lifetime_cfg</c>); <see cref="Infinite"/> means none.</summary>
public sealed record XfrmLifetimeConfig
{
    /// <summary><c>XFRM_INF</c>.</summary>
    public const ulong Unlimited = ulong.MaxValue;

    public ulong SoftByteLimit { get; init; } = Unlimited;
    public ulong HardByteLimit { get; init; } = Unlimited;
    public ulong SoftPacketLimit { get; init; } = Unlimited;
    public ulong HardPacketLimit { get; init; } = Unlimited;
    public ulong SoftAddExpiresSeconds { get; init; }
    public ulong HardAddExpiresSeconds { get; init; }
    public ulong SoftUseExpiresSeconds { get; init; }
    public ulong HardUseExpiresSeconds { get; init; }

    /// <summary>No byte or packet limit and no expiry, as <c>ip xfrm</c> and Cilium install.</summary>
    public static XfrmLifetimeConfig Infinite { get; } = new();
}

/// <summary>What a state or policy has used so far (<c>struct xfrm_lifetime_cur</c>); times are Unix seconds.</summary>
public readonly record struct XfrmLifetimeCurrent(ulong Bytes, ulong Packets, ulong AddTime, ulong UseTime);

/// <summary>Per-state error counters (<c>struct xfrm_stats</c>).</summary>
public readonly record struct XfrmStateStatistics(uint ReplayWindow, uint Replay, uint IntegrityFailed);
