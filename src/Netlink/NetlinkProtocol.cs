namespace Netlink;

/// <summary>Netlink protocol families (<c>NETLINK_*</c> in &lt;linux/netlink.h&gt;).</summary>
public enum NetlinkProtocol
{
    Route = 0,
    Xfrm = 6,
    Netfilter = 12,
    Generic = 16,
}
