namespace Netlink;

/// <summary>The one padding rule of netlink: messages and attributes start on 4-byte boundaries.</summary>
public static class NetlinkAlignment
{
    public const int AlignTo = 4;

    public static int Align(int length) => (length + AlignTo - 1) & ~(AlignTo - 1);
}
