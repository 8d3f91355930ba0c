using System.Buffers.Binary;
using Netlink;
using Xfrm.Model;

namespace Xfrm.Wire;

/// <summary>
/// <code>
/// struct xfrm_user_tmpl {
///     struct xfrm_id  id;
///     __u16           family;
///     xfrm_address_t  saddr;
///     __u32           reqid;
///     __u8            mode;
///     __u8            share;
///     __u8            optional;
///     __u32           aalgos;
///     __u32           ealgos;
///     __u32           calgos;
/// };
/// </code>
/// <c>XFRMA_TMPL</c> carries one or more of these back to back.
/// </summary>
public static class XfrmUserTmplWire
{
    public const int Size = 64;
    public const int IdOffset = 0;
    public const int FamilyOffset = 24;
    public const int SaddrOffset = 28;
    public const int ReqIdOffset = 44;
    public const int ModeOffset = 48;
    public const int ShareOffset = 49;
    public const int OptionalOffset = 50;
    public const int AalgosOffset = 52;
    public const int EalgosOffset = 56;
    public const int CalgosOffset = 60;

    public static void Write(Span<byte> destination, XfrmTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var span = destination[..Size];
        span.Clear();
        XfrmIdWire.Write(span[IdOffset..], template.Destination, template.Spi, template.Protocol);
        BinaryPrimitives.WriteUInt16LittleEndian(span[FamilyOffset..], (ushort)template.Family);
        XfrmAddressWire.Write(span[SaddrOffset..], template.Source);
        BinaryPrimitives.WriteUInt32LittleEndian(span[ReqIdOffset..], template.ReqId);
        span[ModeOffset] = (byte)template.Mode;
        span[ShareOffset] = template.Share;
        span[OptionalOffset] = template.Optional ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32LittleEndian(span[AalgosOffset..], template.AuthAlgorithms);
        BinaryPrimitives.WriteUInt32LittleEndian(span[EalgosOffset..], template.EncryptionAlgorithms);
        BinaryPrimitives.WriteUInt32LittleEndian(span[CalgosOffset..], template.CompressionAlgorithms);
    }

    public static XfrmTemplate Read(ReadOnlySpan<byte> source)
    {
        if (source.Length < Size)
            throw new NetlinkDecodeException($"xfrm_user_tmpl needs {Size} bytes, has {source.Length}");
        var family = (XfrmFamily)BinaryPrimitives.ReadUInt16LittleEndian(source[FamilyOffset..]);
        var (destination, spi, protocol) = XfrmIdWire.Read(source[IdOffset..], family);
        return new XfrmTemplate
        {
            Family = family,
            Destination = destination,
            Spi = spi,
            Protocol = protocol,
            Source = XfrmAddressWire.Read(source[SaddrOffset..], family),
            ReqId = BinaryPrimitives.ReadUInt32LittleEndian(source[ReqIdOffset..]),
            Mode = (XfrmMode)source[ModeOffset],
            Share = source[ShareOffset],
            Optional = source[OptionalOffset] != 0,
            AuthAlgorithms = BinaryPrimitives.ReadUInt32LittleEndian(source[AalgosOffset..]),
            EncryptionAlgorithms = BinaryPrimitives.ReadUInt32LittleEndian(source[EalgosOffset..]),
            CompressionAlgorithms = BinaryPrimitives.ReadUInt32LittleEndian(source[CalgosOffset..]),
        };
    }

    /// <summary>Reads every template of an <c>XFRMA_TMPL</c> payload.</summary>
    public static ValueList<XfrmTemplate> ReadAll(ReadOnlySpan<byte> payload)
    {
        if (payload.Length % Size != 0)
            throw new NetlinkDecodeException($"XFRMA_TMPL payload of {payload.Length} bytes is not a multiple of {Size}");
        var templates = new XfrmTemplate[payload.Length / Size];
        for (var i = 0; i < templates.Length; i++)
            templates[i] = Read(payload[(i * Size)..]);
        return ValueList<XfrmTemplate>.Own(templates);
    }
}
