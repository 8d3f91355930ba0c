using System.Buffers.Binary;

namespace Xfrm.Wire;

/// <summary>
/// <code>
/// struct xfrmu_sadhinfo {     /* and the identical struct xfrmu_spdhinfo */
///     __u32 sadhcnt;          /* current hash bkts */
///     __u32 sadhmcnt;         /* max allowed hash bkts */
/// };
/// </code>
/// </summary>
public static class XfrmHashInfoWire
{
    public const int Size = 8;
    public const int CountOffset = 0;
    public const int MaxCountOffset = 4;

    public static (uint Buckets, uint MaxBuckets) Read(ReadOnlySpan<byte> source)
    {
        var span = source[..Size];
        return (BinaryPrimitives.ReadUInt32LittleEndian(span[CountOffset..]), BinaryPrimitives.ReadUInt32LittleEndian(span[MaxCountOffset..]));
    }
}
