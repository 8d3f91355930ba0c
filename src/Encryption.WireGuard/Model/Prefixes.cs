using System.Net;
using System.Net.Sockets;

namespace Encryption.WireGuard.Model;

/// <summary>Small helpers for IP prefixes.</summary>
public static class Prefixes
{
    /// <summary>The prefix of <paramref name="length"/> bits containing <paramref name="address"/> (host bits cleared).</summary>
    public static IPNetwork Masked(IPAddress address, int length)
    {
        ArgumentNullException.ThrowIfNull(address);
        var bytes = address.GetAddressBytes();
        for (var bit = length; bit < bytes.Length * 8; bit++)
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        return new IPNetwork(new IPAddress(bytes), length);
    }

    /// <summary>The single-address prefix: /32 for IPv4, /128 for IPv6.</summary>
    public static IPNetwork Host(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        return new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
    }

    public static bool IsIPv4(IPNetwork prefix) => prefix.BaseAddress.AddressFamily == AddressFamily.InterNetwork;
}
