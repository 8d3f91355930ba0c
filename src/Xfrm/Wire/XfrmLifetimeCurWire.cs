using System.Buffers.Binary;
using Xfrm.Model;

namespace Xfrm.Wire;

/// <summary>
/// <code>
/// struct xfrm_lifetime_cur {
///     __u64 bytes;
///     __u64 packets;
///     __u64 add_time;
///     __u64 use_time;
/// };
/// </code>
/// </summary>
public static class XfrmLifetimeCurWire
{
    public const int Size = 32;
    public const int BytesOffset = 0;
    public const int PacketsOffset = 8;
    public const int AddTimeOffset = 16;
    public const int UseTimeOffset = 24;

    public static void Write(Span<byte> destination, XfrmLifetimeCurrent current)
    {
        var span = destination[..Size];
        BinaryPrimitives.WriteUInt64LittleEndian(span[BytesOffset..], current.Bytes);
        BinaryPrimitives.WriteUInt64LittleEndian(span[PacketsOffset..], current.Packets);
        BinaryPrimitives.WriteUInt64LittleEndian(span[AddTimeOffset..], current.AddTime);
        BinaryPrimitives.WriteUInt64LittleEndian(span[UseTimeOffset..], current.UseTime);
    }

    public static XfrmLifetimeCurrent Read(ReadOnlySpan<byte> source)
    {
        var span = source[..Size];
        return new XfrmLifetimeCurrent(
            BinaryPrimitives.ReadUInt64LittleEndian(span[BytesOffset..]),
            BinaryPrimitives.ReadUInt64LittleEndian(span[PacketsOffset..]),
            BinaryPrimitives.ReadUInt64LittleEndian(span[AddTimeOffset..]),
            BinaryPrimitives.ReadUInt64LittleEndian(span[UseTimeOffset..]));
    }
}
