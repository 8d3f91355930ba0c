using System.Buffers.Binary;
using Netlink;
using Xfrm.Model;

namespace Xfrm.Wire;

/// <summary>
/// <code>
/// struct xfrm_replay_state_esn {
///     unsigned int bmp_len;       /* in 32-bit words */
///     __u32        oseq;
///     __u32        seq;
///     __u32        oseq_hi;
///     __u32        seq_hi;
///     __u32        replay_window; /* in packets */
///     __u32        bmp[];
/// };
/// </code>
/// </summary>
public static class XfrmReplayStateEsnWire
{
    public const int Size = 24;
    public const int BmpLenOffset = 0;
    public const int OseqOffset = 4;
    public const int SeqOffset = 8;
    public const int OseqHiOffset = 12;
    public const int SeqHiOffset = 16;
    public const int ReplayWindowOffset = 20;
    public const int BmpOffset = 24;

    /// <summary><c>XFRMA_REPLAY_ESN_MAX</c> (bits), so <c>bmp_len</c> is at most 128.</summary>
    public const int MaxBitmapBits = 4096;

    public static int EncodedSize(XfrmReplayStateEsn esn)
    {
        ArgumentNullException.ThrowIfNull(esn);
        return Size + (4 * esn.Bitmap.Count);
    }

    public static void Write(Span<byte> destination, XfrmReplayStateEsn esn)
    {
        var span = destination[..EncodedSize(esn)];
        BinaryPrimitives.WriteUInt32LittleEndian(span[BmpLenOffset..], esn.BitmapLength);
        BinaryPrimitives.WriteUInt32LittleEndian(span[OseqOffset..], esn.OutboundSequence);
        BinaryPrimitives.WriteUInt32LittleEndian(span[SeqOffset..], esn.InboundSequence);
        BinaryPrimitives.WriteUInt32LittleEndian(span[OseqHiOffset..], esn.OutboundSequenceHigh);
        BinaryPrimitives.WriteUInt32LittleEndian(span[SeqHiOffset..], esn.InboundSequenceHigh);
        BinaryPrimitives.WriteUInt32LittleEndian(span[ReplayWindowOffset..], esn.ReplayWindow);
        for (var i = 0; i < esn.Bitmap.Count; i++)
            BinaryPrimitives.WriteUInt32LittleEndian(span[(BmpOffset + (4 * i))..], esn.Bitmap[i]);
    }

    /// <summary>Reads the header and as many bitmap words as the payload holds (none, or <c>bmp_len</c>).</summary>
    public static XfrmReplayStateEsn Read(ReadOnlySpan<byte> source)
    {
        if (source.Length < Size)
            throw new NetlinkDecodeException($"xfrm_replay_state_esn needs {Size} bytes, has {source.Length}");
        var bitmapLength = BinaryPrimitives.ReadUInt32LittleEndian(source[BmpLenOffset..]);
        var words = (source.Length - Size) / 4;
        if (words > 0 && words < bitmapLength)
            throw new NetlinkDecodeException($"xfrm_replay_state_esn claims {bitmapLength} bitmap words but carries {words}");
        var bitmap = ValueList<uint>.Empty;
        if (words > 0 && source.Slice(BmpOffset, (int)bitmapLength * 4).IndexOfAnyExcept((byte)0) < 0)
        {
            bitmap = ValueList<uint>.Zeros((int)bitmapLength);
        }
        else if (words > 0)
        {
            var values = new uint[bitmapLength];
            for (var i = 0; i < values.Length; i++)
                values[i] = BinaryPrimitives.ReadUInt32LittleEndian(source[(BmpOffset + (4 * i))..]);
            bitmap = ValueList<uint>.Own(values);
        }

        return new XfrmReplayStateEsn
        {
            BitmapLength = bitmapLength,
            OutboundSequence = BinaryPrimitives.ReadUInt32LittleEndian(source[OseqOffset..]),
            InboundSequence = BinaryPrimitives.ReadUInt32LittleEndian(source[SeqOffset..]),
            OutboundSequenceHigh = BinaryPrimitives.ReadUInt32LittleEndian(source[OseqHiOffset..]),
            InboundSequenceHigh = BinaryPrimitives.ReadUInt32LittleEndian(source[SeqHiOffset..]),
            ReplayWindow = BinaryPrimitives.ReadUInt32LittleEndian(source[ReplayWindowOffset..]),
            Bitmap = bitmap,
        };
    }
}
