namespace Xfrm.Model;

/// <summary>Anti-replay state of a non-ESN state (<c>XFRMA_REPLAY_VAL</c>, reported in dumps).</summary>
public readonly record struct XfrmReplayState(uint OutboundSequence, uint InboundSequence, uint Bitmap);

/// <summary>
/// Anti-replay state with extended sequence numbers (<c>XFRMA_REPLAY_ESN_VAL</c>). On add, the bitmap may be
/// left empty (the kernel allocates <see cref="BitmapLength"/> words); dumps carry it in full.
/// </summary>
public sealed record XfrmReplayStateEsn
{
    /// <summary>Size of the bitmap in 32-bit words (at most 128).</summary>
    public uint BitmapLength { get; init; }

    public uint OutboundSequence { get; init; }
    public uint InboundSequence { get; init; }
    public uint OutboundSequenceHigh { get; init; }
    public uint InboundSequenceHigh { get; init; }

    /// <summary>Replay window in packets.</summary>
    public uint ReplayWindow { get; init; }

    public ValueList<uint> Bitmap { get; init; } = ValueList<uint>.Empty;

    /// <summary>The full 64-bit outbound sequence number.</summary>
    public ulong OutboundSequence64 => ((ulong)OutboundSequenceHigh << 32) | OutboundSequence;

    /// <summary>A fresh ESN state with a window of <paramref name="packets"/> (Cilium uses 1024), bitmap left to the kernel.</summary>
    public static XfrmReplayStateEsn ForWindow(uint packets) => new()
    {
        BitmapLength = (packets + 31) / 32,
        ReplayWindow = packets,
    };
}
