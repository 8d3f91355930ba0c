using System.Buffers.Binary;
using Netlink;
using Xfrm.Model;

namespace Xfrm.Wire;

/// <summary>
/// <code>
/// struct xfrm_usersa_id {
///     xfrm_address_t daddr;
///     __be32         spi;
///     __u16          family;
///     __u8           proto;
/// };
/// </code>
/// </summary>
public static class XfrmUserSaIdWire
{
    public const int Size = 24;
    public const int DaddrOffset = 0;
    public const int SpiOffset = 16;
    public const int FamilyOffset = 20;
    public const int ProtoOffset = 22;

    public static void Write(Span<byte> destination, XfrmStateKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var span = destination[..Size];
        span.Clear();
        XfrmAddressWire.Write(span[DaddrOffset..], key.Destination);
        BinaryPrimitives.WriteUInt32BigEndian(span[SpiOffset..], key.Spi);
        BinaryPrimitives.WriteUInt16LittleEndian(span[FamilyOffset..], (ushort)key.Family);
        span[ProtoOffset] = (byte)key.Protocol;
    }

    public static XfrmStateKey Read(ReadOnlySpan<byte> source)
    {
        if (source.Length < Size)
            throw new NetlinkDecodeException($"xfrm_usersa_id needs {Size} bytes, has {source.Length}");
        var family = (XfrmFamily)BinaryPrimitives.ReadUInt16LittleEndian(source[FamilyOffset..]);
        return new XfrmStateKey(
            XfrmAddressWire.Read(source[DaddrOffset..], family),
            BinaryPrimitives.ReadUInt32BigEndian(source[SpiOffset..]),
            (XfrmProtocol)source[ProtoOffset]);
    }
}
