using System.Buffers.Binary;
using Xfrm.Model;

namespace Xfrm.Wire;

/// <summary>
/// <code>
/// struct xfrm_replay_state {
///     __u32 oseq;
///     __u32 seq;
///     __u32 bitmap;
/// };
/// </code>
/// </summary>
public static class XfrmReplayStateWire
{
    public const int Size = 12;
    public const int OseqOffset = 0;
    public const int SeqOffset = 4;
    public const int BitmapOffset = 8;

    public static void Write(Span<byte> destination, XfrmReplayState replay)
    {
        var span = destination[..Size];
        BinaryPrimitives.WriteUInt32LittleEndian(span[OseqOffset..], replay.OutboundSequence);
        BinaryPrimitives.WriteUInt32LittleEndian(span[SeqOffset..], replay.InboundSequence);
        BinaryPrimitives.WriteUInt32LittleEndian(span[BitmapOffset..], replay.Bitmap);
    }

    public static XfrmReplayState Read(ReadOnlySpan<byte> source)
    {
        var span = source[..Size];
        return new XfrmReplayState(
            BinaryPrimitives.ReadUInt32LittleEndian(span[OseqOffset..]),
            BinaryPrimitives.ReadUInt32LittleEndian(span[SeqOffset..]),
            BinaryPrimitives.ReadUInt32LittleEndian(span[BitmapOffset..]));
    }
}
