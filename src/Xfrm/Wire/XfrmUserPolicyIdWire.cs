using System.Buffers.Binary;
using Netlink;
using Xfrm.Model;

namespace Xfrm.Wire;

/// <summary>
/// <code>
/// struct xfrm_userpolicy_id {
///     struct xfrm_selector sel;
///     __u32                index;
///     __u8                 dir;
/// };
/// </code>
/// </summary>
public static class XfrmUserPolicyIdWire
{
    public const int Size = 64;
    public const int SelOffset = 0;
    public const int IndexOffset = 56;
    public const int DirOffset = 60;

    public static void Write(Span<byte> destination, XfrmPolicyKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var span = destination[..Size];
        span.Clear();
        XfrmSelectorWire.Write(span[SelOffset..], key.Selector);
        BinaryPrimitives.WriteUInt32LittleEndian(span[IndexOffset..], key.Index);
        span[DirOffset] = (byte)key.Direction;
    }

    public static XfrmPolicyKey Read(ReadOnlySpan<byte> source)
    {
        if (source.Length < Size)
            throw new NetlinkDecodeException($"xfrm_userpolicy_id needs {Size} bytes, has {source.Length}");
        return new XfrmPolicyKey(XfrmSelectorWire.Read(source[SelOffset..]), (XfrmPolicyDirection)source[DirOffset])
        {
            Index = BinaryPrimitives.ReadUInt32LittleEndian(source[IndexOffset..]),
        };
    }
}
