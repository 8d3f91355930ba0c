using System.Net;
using Xfrm.Model;

namespace Xfrm.Wire;

/// <summary>
/// <code>
/// typedef union {
///     __be32          a4;
///     __be32          a6[4];
///     struct in6_addr in6;
/// } xfrm_address_t;
/// </code>
/// Raw network-order bytes; IPv4 uses the first four and leaves the rest zero.
/// </summary>
public static class XfrmAddressWire
{
    public const int Size = 16;

    public static void Write(Span<byte> destination, IPAddress? address)
    {
        var span = destination[..Size];
        span.Clear();
        if (address is not null && !address.TryWriteBytes(span, out _))
            throw new ArgumentException($"cannot encode address {address}", nameof(address));
    }

    /// <summary>Reads an address of <paramref name="family"/>; an unspecified family reads as IPv4 when the tail is zero.</summary>
    public static IPAddress Read(ReadOnlySpan<byte> source, XfrmFamily family)
    {
        var span = source[..Size];
        return family switch
        {
            XfrmFamily.IPv6 => new IPAddress(span),
            XfrmFamily.IPv4 => ReadV4(span),
            _ => span[4..].IndexOfAnyExcept((byte)0) < 0 ? ReadV4(span) : new IPAddress(span),
        };
    }

    private static IPAddress ReadV4(ReadOnlySpan<byte> span)
    {
        var value = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(span);
        return value == 0 ? IPAddress.Any : new IPAddress(span[..4]);
    }
}
