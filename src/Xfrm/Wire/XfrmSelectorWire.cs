using System.Buffers.Binary;
using Xfrm.Model;

namespace Xfrm.Wire;

/// <summary>
/// <code>
/// struct xfrm_selector {
///     xfrm_address_t  daddr;
///     xfrm_address_t  saddr;
///     __be16  dport;
///     __be16  dport_mask;
///     __be16  sport;
///     __be16  sport_mask;
///     __u16   family;
///     __u8    prefixlen_d;
///     __u8    prefixlen_s;
///     __u8    proto;
///     int     ifindex;
///     __kernel_uid32_t user;
/// };
/// </code>
/// </summary>
public static class XfrmSelectorWire
{
    public const int Size = 56;
    public const int DaddrOffset = 0;
    public const int SaddrOffset = 16;
    public const int DportOffset = 32;
    public const int DportMaskOffset = 34;
    public const int SportOffset = 36;
    public const int SportMaskOffset = 38;
    public const int FamilyOffset = 40;
    public const int PrefixLenDOffset = 42;
    public const int PrefixLenSOffset = 43;
    public const int ProtoOffset = 44;
    public const int IfIndexOffset = 48;
    public const int UserOffset = 52;

    public static void Write(Span<byte> destination, XfrmSelector selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        var span = destination[..Size];
        span.Clear();
        XfrmAddressWire.Write(span[DaddrOffset..], selector.Destination);
        XfrmAddressWire.Write(span[SaddrOffset..], selector.Source);
        BinaryPrimitives.WriteUInt16BigEndian(span[DportOffset..], selector.DestinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(span[DportMaskOffset..], selector.DestinationPortMask);
        BinaryPrimitives.WriteUInt16BigEndian(span[SportOffset..], selector.SourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(span[SportMaskOffset..], selector.SourcePortMask);
        BinaryPrimitives.WriteUInt16LittleEndian(span[FamilyOffset..], (ushort)selector.Family);
        span[PrefixLenDOffset] = selector.DestinationPrefixLength;
        span[PrefixLenSOffset] = selector.SourcePrefixLength;
        span[ProtoOffset] = selector.Protocol;
        BinaryPrimitives.WriteInt32LittleEndian(span[IfIndexOffset..], selector.InterfaceIndex);
        BinaryPrimitives.WriteUInt32LittleEndian(span[UserOffset..], selector.User);
    }

    /// <summary>Family set, everything else zero: what the kernel reports for a state added without a selector.</summary>
    private static readonly XfrmSelector AnyIPv4 = XfrmSelector.Any(XfrmFamily.IPv4);
    private static readonly XfrmSelector AnyIPv6 = XfrmSelector.Any(XfrmFamily.IPv6);

    public static XfrmSelector Read(ReadOnlySpan<byte> source)
    {
        var span = source[..Size];
        if (span.IndexOfAnyExcept((byte)0) < 0)
            return XfrmSelector.None;
        var family = (XfrmFamily)BinaryPrimitives.ReadUInt16LittleEndian(span[FamilyOffset..]);

        // The kernel gives a state added without a selector its own family and nothing else: share that one too.
        if (span[..FamilyOffset].IndexOfAnyExcept((byte)0) < 0 && span[(FamilyOffset + 2)..].IndexOfAnyExcept((byte)0) < 0)
        {
            if (family == XfrmFamily.IPv4)
                return AnyIPv4;
            if (family == XfrmFamily.IPv6)
                return AnyIPv6;
        }

        var selector = new XfrmSelector
        {
            Family = family,
            Destination = XfrmAddressWire.Read(span[DaddrOffset..], family),
            Source = XfrmAddressWire.Read(span[SaddrOffset..], family),
            DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(span[DportOffset..]),
            DestinationPortMask = BinaryPrimitives.ReadUInt16BigEndian(span[DportMaskOffset..]),
            SourcePort = BinaryPrimitives.ReadUInt16BigEndian(span[SportOffset..]),
            SourcePortMask = BinaryPrimitives.ReadUInt16BigEndian(span[SportMaskOffset..]),
            DestinationPrefixLength = span[PrefixLenDOffset],
            SourcePrefixLength = span[PrefixLenSOffset],
            Protocol = span[ProtoOffset],
            InterfaceIndex = BinaryPrimitives.ReadInt32LittleEndian(span[IfIndexOffset..]),
            User = BinaryPrimitives.ReadUInt32LittleEndian(span[UserOffset..]),
        };
        return selector;
    }
}
