using System.Buffers.Binary;
using System.Net;
using Netlink;
using Xfrm.Codec;
using Xfrm.Model;

namespace Xfrm.Wire;

/// <summary>
/// <code>
/// struct xfrm_usersa_info {
///     struct xfrm_selector      sel;
///     struct xfrm_id            id;
///     xfrm_address_t            saddr;
///     struct xfrm_lifetime_cfg  lft;
///     struct xfrm_lifetime_cur  curlft;
///     struct xfrm_stats         stats;
///     __u32                     seq;
///     __u32                     reqid;
///     __u16                     family;
///     __u8                      mode;          /* XFRM_MODE_xxx */
///     __u8                      replay_window;
///     __u8                      flags;
/// };
/// </code>
/// 224 bytes with tail padding (alignment 8); the kernel checks the full size.
/// </summary>
public static class XfrmUserSaInfoWire
{
    public const int Size = 224;
    public const int SelOffset = 0;
    public const int IdOffset = 56;
    public const int SaddrOffset = 80;
    public const int LftOffset = 96;
    public const int CurLftOffset = 160;
    public const int StatsOffset = 192;
    public const int SeqOffset = 204;
    public const int ReqIdOffset = 208;
    public const int FamilyOffset = 212;
    public const int ModeOffset = 214;
    public const int ReplayWindowOffset = 215;
    public const int FlagsOffset = 216;

    public static void Write(Span<byte> destination, XfrmState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var span = destination[..Size];
        span.Clear();
        XfrmSelectorWire.Write(span[SelOffset..], state.Selector);
        XfrmIdWire.Write(span[IdOffset..], state.Destination, state.Spi, state.Protocol);
        XfrmAddressWire.Write(span[SaddrOffset..], state.Source);
        XfrmLifetimeCfgWire.Write(span[LftOffset..], state.Lifetime);
        XfrmLifetimeCurWire.Write(span[CurLftOffset..], state.Current);
        XfrmStatsWire.Write(span[StatsOffset..], state.Statistics);
        BinaryPrimitives.WriteUInt32LittleEndian(span[SeqOffset..], state.Sequence);
        BinaryPrimitives.WriteUInt32LittleEndian(span[ReqIdOffset..], state.ReqId);
        BinaryPrimitives.WriteUInt16LittleEndian(span[FamilyOffset..], (ushort)state.Family);
        span[ModeOffset] = (byte)state.Mode;
        span[ReplayWindowOffset] = state.ReplayWindow;
        span[FlagsOffset] = (byte)state.Flags;
    }

    /// <summary>
    /// Reads the fixed part of a state. The caller builds the <see cref="XfrmState"/> once, with the attributes
    /// (a dump decodes many thousands of states, so no intermediate copy is made).
    /// </summary>
    public static XfrmUserSaInfo Read(ReadOnlySpan<byte> source) => Read(source, null);

    /// <summary>Reads the fixed part; with a <paramref name="cache"/>, addresses equal to the previous state's are shared.</summary>
    public static XfrmUserSaInfo Read(ReadOnlySpan<byte> source, XfrmDecodeCache? cache)
    {
        if (source.Length < Size)
            throw new NetlinkDecodeException($"xfrm_usersa_info needs {Size} bytes, has {source.Length}");
        var family = (XfrmFamily)BinaryPrimitives.ReadUInt16LittleEndian(source[FamilyOffset..]);
        var (destination, spi, protocol) = cache is null
            ? XfrmIdWire.Read(source[IdOffset..], family)
            : (cache.Destination(source[(IdOffset + XfrmIdWire.DaddrOffset)..], family),
                BinaryPrimitives.ReadUInt32BigEndian(source[(IdOffset + XfrmIdWire.SpiOffset)..]),
                (XfrmProtocol)source[IdOffset + XfrmIdWire.ProtoOffset]);
        return new XfrmUserSaInfo(
            XfrmSelectorWire.Read(source[SelOffset..]),
            destination,
            spi,
            protocol,
            cache is null ? XfrmAddressWire.Read(source[SaddrOffset..], family) : cache.Source(source[SaddrOffset..], family),
            XfrmLifetimeCfgWire.Read(source[LftOffset..]),
            XfrmLifetimeCurWire.Read(source[CurLftOffset..]),
            XfrmStatsWire.Read(source[StatsOffset..]),
            BinaryPrimitives.ReadUInt32LittleEndian(source[SeqOffset..]),
            BinaryPrimitives.ReadUInt32LittleEndian(source[ReqIdOffset..]),
            (XfrmMode)source[ModeOffset],
            source[ReplayWindowOffset],
            (XfrmStateFlags)source[FlagsOffset]);
    }
}

/// <summary>The decoded fields of <c>struct xfrm_usersa_info</c> (the family is implied by the addresses).</summary>
public readonly record struct XfrmUserSaInfo(
    XfrmSelector Selector,
    IPAddress Destination,
    uint Spi,
    XfrmProtocol Protocol,
    IPAddress Source,
    XfrmLifetimeConfig Lifetime,
    XfrmLifetimeCurrent Current,
    XfrmStateStatistics Statistics,
    uint Sequence,
    uint ReqId,
    XfrmMode Mode,
    byte ReplayWindow,
    XfrmStateFlags Flags);
