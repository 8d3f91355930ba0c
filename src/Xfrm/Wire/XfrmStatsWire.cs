using System.Buffers.Binary;
using Xfrm.Model;

namespace Xfrm.Wire;

/// <summary>
/// <code>
/// struct xfrm_stats {
///     __u32 replay_window;
///     __u32 replay;
///     __u32 integrity_failed;
/// };
/// </code>
/// </summary>
public static class XfrmStatsWire
{
    public const int Size = 12;
    public const int ReplayWindowOffset = 0;
    public const int ReplayOffset = 4;
    public const int IntegrityFailedOffset = 8;

    public static void Write(Span<byte> destination, XfrmStateStatistics stats)
    {
        var span = destination[..Size];
        BinaryPrimitives.WriteUInt32LittleEndian(span[ReplayWindowOffset..], stats.ReplayWindow);
        BinaryPrimitives.WriteUInt32LittleEndian(span[ReplayOffset..], stats.Replay);
        BinaryPrimitives.WriteUInt32LittleEndian(span[IntegrityFailedOffset..], stats.IntegrityFailed);
    }

    public static XfrmStateStatistics Read(ReadOnlySpan<byte> source)
    {
        var span = source[..Size];
        return new XfrmStateStatistics(
            BinaryPrimitives.ReadUInt32LittleEndian(span[ReplayWindowOffset..]),
            BinaryPrimitives.ReadUInt32LittleEndian(span[ReplayOffset..]),
            BinaryPrimitives.ReadUInt32LittleEndian(span[IntegrityFailedOffset..]));
    }
}
