using System.Net;
using System.Net.Sockets;

namespace Xfrm.Model;

/// <summary>Address family as the kernel spells it (<c>AF_INET</c> = 2, <c>AF_INET6</c> = 10).</summary>
public enum XfrmFamily : ushort
{
    Unspecified = 0,
    IPv4 = 2,
    IPv6 = 10,
}

public static class XfrmFamilies
{
    public static XfrmFamily Of(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.AddressFamily == AddressFamily.InterNetworkV6 ? XfrmFamily.IPv6 : XfrmFamily.IPv4;
    }

    /// <summary>The all-zero address of <paramref name="family"/>.</summary>
    public static IPAddress AnyAddress(XfrmFamily family) => family == XfrmFamily.IPv6 ? IPAddress.IPv6Any : IPAddress.Any;

    /// <summary>The largest prefix length of <paramref name="family"/> (32 or 128).</summary>
    public static byte HostPrefixLength(XfrmFamily family) => family == XfrmFamily.IPv6 ? (byte)128 : (byte)32;
}
