using System.Buffers.Binary;
using System.Net;
using Xfrm.Model;

namespace Xfrm.Wire;

/// <summary>
/// <code>
/// struct xfrm_id {
///     xfrm_address_t  daddr;
///     __be32          spi;
///     __u8            proto;
/// };
/// </code>
/// </summary>
public static class XfrmIdWire
{
    public const int Size = 24;
    public const int DaddrOffset = 0;
    public const int SpiOffset = 16;
    public const int ProtoOffset = 20;

    public static void Write(Span<byte> destination, IPAddress daddr, uint spi, XfrmProtocol protocol)
    {
        var span = destination[..Size];
        span.Clear();
        XfrmAddressWire.Write(span[DaddrOffset..], daddr);
        BinaryPrimitives.WriteUInt32BigEndian(span[SpiOffset..], spi);
        span[ProtoOffset] = (byte)protocol;
    }

    public static (IPAddress Destination, uint Spi, XfrmProtocol Protocol) Read(ReadOnlySpan<byte> source, XfrmFamily family)
    {
        var span = source[..Size];
        return (XfrmAddressWire.Read(span[DaddrOffset..], family),
            BinaryPrimitives.ReadUInt32BigEndian(span[SpiOffset..]),
            (XfrmProtocol)span[ProtoOffset]);
    }
}
