using System.Buffers.Binary;

namespace Xfrm.Wire;

/// <summary>
/// <code>
/// struct xfrmu_spdinfo {
///     __u32 incnt;
///     __u32 outcnt;
///     __u32 fwdcnt;
///     __u32 inscnt;
///     __u32 outscnt;
///     __u32 fwdscnt;
/// };
/// </code>
/// </summary>
public static class XfrmSpdInfoWire
{
    public const int Size = 24;
    public const int InCountOffset = 0;
    public const int OutCountOffset = 4;
    public const int FwdCountOffset = 8;
    public const int InSocketCountOffset = 12;
    public const int OutSocketCountOffset = 16;
    public const int FwdSocketCountOffset = 20;

    public static (uint In, uint Out, uint Fwd, uint InSocket, uint OutSocket, uint FwdSocket) Read(ReadOnlySpan<byte> source)
    {
        var span = source[..Size];
        return (BinaryPrimitives.ReadUInt32LittleEndian(span[InCountOffset..]),
            BinaryPrimitives.ReadUInt32LittleEndian(span[OutCountOffset..]),
            BinaryPrimitives.ReadUInt32LittleEndian(span[FwdCountOffset..]),
            BinaryPrimitives.ReadUInt32LittleEndian(span[InSocketCountOffset..]),
            BinaryPrimitives.ReadUInt32LittleEndian(span[OutSocketCountOffset..]),
            BinaryPrimitives.ReadUInt32LittleEndian(span[FwdSocketCountOffset..]));
    }
}
