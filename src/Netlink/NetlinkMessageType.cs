namespace Netlink;

/// <summary>Control message types shared by every netlink family (&lt;linux/netlink.h&gt;).</summary>
public static class NetlinkMessageType
{
    public const ushort Noop = 1;
    public const ushort Error = 2;
    public const ushort Done = 3;
    public const ushort Overrun = 4;

    /// <summary>Types below this value are control messages; families start here.</summary>
    public const ushort MinType = 0x10;
}
