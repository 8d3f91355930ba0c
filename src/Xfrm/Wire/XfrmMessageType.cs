namespace Xfrm.Wire;

/// <summary>XFRM netlink message types (<c>enum { XFRM_MSG_BASE = 0x10, ... }</c> in &lt;linux/xfrm.h&gt;).</summary>
public static class XfrmMessageType
{
    public const ushort NewSa = 0x10;
    public const ushort DelSa = 0x11;
    public const ushort GetSa = 0x12;
    public const ushort NewPolicy = 0x13;
    public const ushort DelPolicy = 0x14;
    public const ushort GetPolicy = 0x15;
    public const ushort AllocSpi = 0x16;
    public const ushort Acquire = 0x17;
    public const ushort Expire = 0x18;
    public const ushort UpdPolicy = 0x19;
    public const ushort UpdSa = 0x1a;
    public const ushort PolExpire = 0x1b;
    public const ushort FlushSa = 0x1c;
    public const ushort FlushPolicy = 0x1d;
    public const ushort NewAe = 0x1e;
    public const ushort GetAe = 0x1f;
    public const ushort Report = 0x20;
    public const ushort Migrate = 0x21;
    public const ushort NewSadInfo = 0x22;
    public const ushort GetSadInfo = 0x23;
    public const ushort NewSpdInfo = 0x24;
    public const ushort GetSpdInfo = 0x25;
    public const ushort Mapping = 0x26;
    public const ushort SetDefault = 0x27;
    public const ushort GetDefault = 0x28;
}
