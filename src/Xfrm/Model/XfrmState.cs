using System.Net;

namespace Xfrm.Model;

/// <summary>
/// A security association (<c>ip xfrm state</c>): identity (destination, SPI, protocol, mark), addresses,
/// mode, algorithms with keys, anti-replay, marks, selector, lifetimes and (in dumps) counters.
/// <see cref="object.ToString"/> never shows key material (see <see cref="XfrmKey"/>).
/// </summary>
public sealed record XfrmState
{
    public required IPAddress Source { get; init; }
    public required IPAddress Destination { get; init; }

    /// <summary>SPI in host order (the wire carries it big-endian).</summary>
    public required uint Spi { get; init; }

    public XfrmProtocol Protocol { get; init; } = XfrmProtocol.Esp;
    public XfrmMode Mode { get; init; } = XfrmMode.Tunnel;
    public uint ReqId { get; init; }

    /// <summary>Legacy replay window (packets, at most 255); must be 0 with <see cref="XfrmStateFlags.Esn"/>.</summary>
    public byte ReplayWindow { get; init; }

    /// <summary>ESN anti-replay state; required with <see cref="XfrmStateFlags.Esn"/>.</summary>
    public XfrmReplayStateEsn? ReplayEsn { get; init; }

    /// <summary>Legacy anti-replay counters, as reported in dumps of non-ESN states.</summary>
    public XfrmReplayState? Replay { get; init; }

    public XfrmStateFlags Flags { get; init; }
    public XfrmStateExtraFlags? ExtraFlags { get; init; }

    /// <summary>Mark match (<c>mark V mask M</c>): part of the state's identity.</summary>
    public XfrmMark? Mark { get; init; }

    /// <summary>Mark set on packets after the transform (<c>output-mark V mask M</c>).</summary>
    public XfrmMark? OutputMark { get; init; }

    public XfrmAeadAlgorithm? Aead { get; init; }
    public XfrmAuthAlgorithm? Authentication { get; init; }
    public XfrmCryptAlgorithm? Encryption { get; init; }

    public XfrmSelector Selector { get; init; } = XfrmSelector.None;
    public XfrmLifetimeConfig Lifetime { get; init; } = XfrmLifetimeConfig.Infinite;

    /// <summary>Usage so far (dumps only).</summary>
    public XfrmLifetimeCurrent Current { get; init; }

    public XfrmStateStatistics Statistics { get; init; }

    /// <summary>Sequence number of the key-manager request that created the state (<c>seq</c>), usually 0.</summary>
    public uint Sequence { get; init; }

    /// <summary>XFRM interface id (<c>if_id</c>).</summary>
    public uint? InterfaceId { get; init; }

    /// <summary>SA direction (<c>XFRMA_SA_DIR</c>, Linux 6.10+).</summary>
    public XfrmSaDirection? Direction { get; init; }

    /// <summary>When the state last carried a packet, Unix seconds (dumps only).</summary>
    public ulong? LastUsed { get; init; }

    public uint? TfcPad { get; init; }

    /// <summary>Family of the outer addresses.</summary>
    public XfrmFamily Family => XfrmFamilies.Of(Destination);

    /// <summary>What identifies this state to the kernel for get, update and delete.</summary>
    public XfrmStateKey Key => new(Destination, Spi, Protocol) { Source = Source, Mark = Mark };
}
