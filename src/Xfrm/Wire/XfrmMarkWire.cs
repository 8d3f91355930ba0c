using System.Buffers.Binary;
using Xfrm.Model;

namespace Xfrm.Wire;

/// <summary>
/// <code>
/// struct xfrm_mark {
///     __u32 v; /* value */
///     __u32 m; /* mask */
/// };
/// </code>
/// </summary>
public static class XfrmMarkWire
{
    public const int Size = 8;
    public const int ValueOffset = 0;
    public const int MaskOffset = 4;

    public static void Write(Span<byte> destination, XfrmMark mark)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination[ValueOffset..], mark.Value);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[MaskOffset..], mark.Mask);
    }

    public static XfrmMark Read(ReadOnlySpan<byte> source) =>
        new(BinaryPrimitives.ReadUInt32LittleEndian(source[ValueOffset..]), BinaryPrimitives.ReadUInt32LittleEndian(source[MaskOffset..Size]));
}
