using System.Buffers.Binary;
using Netlink;
using Xfrm.Model;

namespace Xfrm.Wire;

/// <summary>
/// <code>
/// struct xfrm_userpolicy_info {
///     struct xfrm_selector      sel;
///     struct xfrm_lifetime_cfg  lft;
///     struct xfrm_lifetime_cur  curlft;
///     __u32                     priority;
///     __u32                     index;
///     __u8                      dir;
///     __u8                      action;  /* XFRM_POLICY_ALLOW / BLOCK */
///     __u8                      flags;   /* XFRM_POLICY_LOCALOK / ICMP */
///     __u8                      share;
/// };
/// </code>
/// 168 bytes with tail padding (alignment 8).
/// </summary>
public static class XfrmUserPolicyInfoWire
{
    public const int Size = 168;
    public const int SelOffset = 0;
    public const int LftOffset = 56;
    public const int CurLftOffset = 120;
    public const int PriorityOffset = 152;
    public const int IndexOffset = 156;
    public const int DirOffset = 160;
    public const int ActionOffset = 161;
    public const int FlagsOffset = 162;
    public const int ShareOffset = 163;

    public static void Write(Span<byte> destination, XfrmPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var span = destination[..Size];
        span.Clear();
        XfrmSelectorWire.Write(span[SelOffset..], policy.Selector);
        XfrmLifetimeCfgWire.Write(span[LftOffset..], policy.Lifetime);
        XfrmLifetimeCurWire.Write(span[CurLftOffset..], policy.Current);
        BinaryPrimitives.WriteUInt32LittleEndian(span[PriorityOffset..], policy.Priority);
        BinaryPrimitives.WriteUInt32LittleEndian(span[IndexOffset..], policy.Index);
        span[DirOffset] = (byte)policy.Direction;
        span[ActionOffset] = (byte)policy.Action;
        span[FlagsOffset] = (byte)policy.Flags;
        span[ShareOffset] = policy.Share;
    }

    /// <summary>Reads the fixed part of a policy; attributes are added by the caller.</summary>
    public static XfrmPolicy Read(ReadOnlySpan<byte> source) => Read(source, ValueList<XfrmTemplate>.Empty, XfrmPolicyType.Main, null, null);

    /// <summary>The fixed part with what the attributes carry, built once (a dump decodes thousands).</summary>
    public static XfrmPolicy Read(ReadOnlySpan<byte> source, ValueList<XfrmTemplate> templates, XfrmPolicyType type, XfrmMark? mark, uint? interfaceId)
    {
        if (source.Length < Size)
            throw new NetlinkDecodeException($"xfrm_userpolicy_info needs {Size} bytes, has {source.Length}");
        return new XfrmPolicy
        {
            Templates = templates,
            Type = type,
            Mark = mark,
            InterfaceId = interfaceId,
            Selector = XfrmSelectorWire.Read(source[SelOffset..]),
            Lifetime = XfrmLifetimeCfgWire.Read(source[LftOffset..]),
            Current = XfrmLifetimeCurWire.Read(source[CurLftOffset..]),
            Priority = BinaryPrimitives.ReadUInt32LittleEndian(source[PriorityOffset..]),
            Index = BinaryPrimitives.ReadUInt32LittleEndian(source[IndexOffset..]),
            Direction = (XfrmPolicyDirection)source[DirOffset],
            Action = (XfrmPolicyAction)source[ActionOffset],
            Flags = (XfrmPolicyFlags)source[FlagsOffset],
            Share = source[ShareOffset],
        };
    }
}
