using System.Globalization;
using System.Net;

namespace Xfrm.Model;

/// <summary>
/// Which packets a policy (or state) applies to: source and destination prefixes, upper-layer protocol
/// and ports, interface and user. Ports are in host order here (the wire carries them big-endian).
/// </summary>
public sealed record XfrmSelector
{
    /// <summary>Family of the selector; <see cref="XfrmFamily.Unspecified"/> only for "no selector" (a state's default).</summary>
    public XfrmFamily Family { get; init; }

    public IPAddress Source { get; init; } = IPAddress.Any;
    public byte SourcePrefixLength { get; init; }
    public IPAddress Destination { get; init; } = IPAddress.Any;
    public byte DestinationPrefixLength { get; init; }

    /// <summary>Upper-layer protocol (6 = TCP, 17 = UDP, ...); 0 matches any.</summary>
    public byte Protocol { get; init; }

    public ushort SourcePort { get; init; }
    public ushort SourcePortMask { get; init; }
    public ushort DestinationPort { get; init; }
    public ushort DestinationPortMask { get; init; }

    /// <summary>Interface index (<c>dev</c>), 0 for any.</summary>
    public int InterfaceIndex { get; init; }

    public uint User { get; init; }

    /// <summary>The all-zero selector with no family, as a state carries when none is given.</summary>
    public static XfrmSelector None { get; } = new();

    /// <summary>Everything of one family: <c>src 0.0.0.0/0 dst 0.0.0.0/0</c> (or <c>::/0</c>).</summary>
    public static XfrmSelector Any(XfrmFamily family) => new()
    {
        Family = family,
        Source = XfrmFamilies.AnyAddress(family),
        Destination = XfrmFamilies.AnyAddress(family),
    };

    /// <summary>Same as: <c>src SOURCE dst DESTINATION</c>, both in CIDR notation (<c>10.0.0.0/24</c>, <c>fd00::1/128</c>).</summary>
    public static XfrmSelector Between(string sourceCidr, string destinationCidr)
    {
        var (source, sourceLength) = ParseCidr(sourceCidr);
        var (destination, destinationLength) = ParseCidr(destinationCidr);
        var family = XfrmFamilies.Of(destination);
        if (XfrmFamilies.Of(source) != family)
            throw new ArgumentException($"selector mixes address families: {sourceCidr} and {destinationCidr}", nameof(sourceCidr));
        return new XfrmSelector
        {
            Family = family,
            Source = source,
            SourcePrefixLength = sourceLength,
            Destination = destination,
            DestinationPrefixLength = destinationLength,
        };
    }

    /// <summary>Parses <c>ADDRESS/PREFIX</c>; a bare address means a host prefix.</summary>
    public static (IPAddress Address, byte PrefixLength) ParseCidr(string cidr)
    {
        ArgumentNullException.ThrowIfNull(cidr);
        var slash = cidr.IndexOf('/', StringComparison.Ordinal);
        var address = IPAddress.Parse(slash < 0 ? cidr : cidr[..slash]);
        var max = XfrmFamilies.HostPrefixLength(XfrmFamilies.Of(address));
        var length = slash < 0 ? max : byte.Parse(cidr[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture);
        if (length > max)
            throw new ArgumentException($"prefix length {length} is too long in \"{cidr}\"", nameof(cidr));
        return (address, length);
    }
}
