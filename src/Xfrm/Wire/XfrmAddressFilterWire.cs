using System.Net;
using Xfrm.Model;

namespace Xfrm.Wire;

/// <summary>
/// <code>
/// struct xfrm_address_filter {
///     xfrm_address_t saddr;
///     xfrm_address_t daddr;
///     __u16          family;
///     __u8           splen;
///     __u8           dplen;
/// };
/// </code>
/// Kernel-side filter of a <c>GETSA</c> dump (<c>XFRMA_ADDRESS_FILTER</c>).
/// </summary>
public static class XfrmAddressFilterWire
{
    public const int Size = 36;
    public const int SaddrOffset = 0;
    public const int DaddrOffset = 16;
    public const int FamilyOffset = 32;
    public const int SplenOffset = 34;
    public const int DplenOffset = 35;

    public static void Write(Span<byte> destination, XfrmFamily family, IPAddress source, byte sourcePrefix, IPAddress destinationAddress, byte destinationPrefix)
    {
        var span = destination[..Size];
        span.Clear();
        XfrmAddressWire.Write(span[SaddrOffset..], source);
        XfrmAddressWire.Write(span[DaddrOffset..], destinationAddress);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(span[FamilyOffset..], (ushort)family);
        span[SplenOffset] = sourcePrefix;
        span[DplenOffset] = destinationPrefix;
    }
}
