using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Text;

namespace Encryption.Cli.Lab.Verify;

/// <summary>
/// Classifies Ethernet frames from the underlay: ARP, IPv4 and IPv6 (extension headers skipped), then ICMP, TCP,
/// UDP, ESP, with ports. Pure: bytes in, <see cref="ClassifiedPacket"/> out.
/// </summary>
internal sealed class PacketClassifier(IReadOnlyList<IPNetwork> podCidrs)
{
    private const ushort EtherTypeIPv4 = 0x0800;
    private const ushort EtherTypeArp = 0x0806;
    private const ushort EtherTypeVlan = 0x8100;
    private const ushort EtherTypeIPv6 = 0x86dd;
    private const byte ProtoIcmp = 1;
    private const byte ProtoTcp = 6;
    private const byte ProtoUdp = 17;
    private const byte ProtoEsp = 50;
    private const byte ProtoIcmpV6 = 58;
    private const int WireGuardPort = 51871;
    private const int HbonePort = 15008;

    public ClassifiedPacket Classify(CapturedFrame frame, DateTimeOffset captureStart)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var offset = frame.Time - captureStart;
        var data = frame.Data.AsSpan();
        var payload = VisiblePayload(data);
        if (data.Length < 14)
            return new(frame.Number, offset, PacketKind.Other, $"short frame, {frame.OriginalLength} bytes", false, payload);

        var etherType = BinaryPrimitives.ReadUInt16BigEndian(data[12..]);
        var l3 = data[14..];
        if (etherType == EtherTypeVlan && l3.Length >= 4)
        {
            etherType = BinaryPrimitives.ReadUInt16BigEndian(l3[2..]);
            l3 = l3[4..];
        }

        var (kind, description, podToPod) = etherType switch
        {
            EtherTypeIPv4 => IPv4(l3),
            EtherTypeIPv6 => IPv6(l3),
            EtherTypeArp => (PacketKind.Other, Arp(l3), false),
            _ => (PacketKind.Other, $"ethertype 0x{etherType:x4}", false),
        };
        return new(frame.Number, offset, kind, $"{description}, length {frame.OriginalLength}", podToPod, payload);
    }

    private (PacketKind, string, bool) IPv4(ReadOnlySpan<byte> ip)
    {
        if (ip.Length < 20)
            return (PacketKind.Other, "IP (truncated)", false);
        var headerLength = (ip[0] & 0x0f) * 4;
        var fragmentOffset = BinaryPrimitives.ReadUInt16BigEndian(ip[6..]) & 0x1fff;
        var source = new IPAddress(ip.Slice(12, 4));
        var destination = new IPAddress(ip.Slice(16, 4));
        var l4 = fragmentOffset == 0 && ip.Length >= headerLength ? ip[headerLength..] : [];
        var (kind, text) = Transport(ip[9], l4, source, destination, ProtoIcmp);
        return (kind, $"IP {text}", IsPod(source) && IsPod(destination));
    }

    private (PacketKind, string, bool) IPv6(ReadOnlySpan<byte> ip)
    {
        if (ip.Length < 40)
            return (PacketKind.Other, "IP6 (truncated)", false);
        var source = new IPAddress(ip.Slice(8, 16));
        var destination = new IPAddress(ip.Slice(24, 16));
        var next = ip[6];
        var rest = ip[40..];
        while (next is 0 or 43 or 60 or 44 && rest.Length >= 8)
        {
            var length = next == 44 ? 8 : (rest[1] + 1) * 8;
            if (next == 44 && (BinaryPrimitives.ReadUInt16BigEndian(rest[2..]) & 0xfff8) != 0)
            {
                next = rest[0];
                rest = [];
                break;
            }

            next = rest[0];
            rest = rest.Length >= length ? rest[length..] : [];
        }

        var (kind, text) = Transport(next, rest, source, destination, ProtoIcmpV6);
        return (kind, $"IP6 {text}", IsPod(source) && IsPod(destination));
    }

    private static (PacketKind, string) Transport(byte protocol, ReadOnlySpan<byte> l4, IPAddress source, IPAddress destination, byte icmpProtocol)
    {
        switch (protocol)
        {
            case ProtoTcp when l4.Length >= 14:
            {
                var (sport, dport) = Ports(l4);
                var kind = sport == HbonePort || dport == HbonePort ? PacketKind.TcpHbone : PacketKind.Tcp;
                return (kind, $"{source}.{sport} > {destination}.{dport}: TCP [{TcpFlags(l4[13])}]");
            }

            case ProtoUdp when l4.Length >= 8:
            {
                var (sport, dport) = Ports(l4);
                var kind = sport == WireGuardPort || dport == WireGuardPort ? PacketKind.UdpWireGuard : PacketKind.Other;
                return (kind, $"{source}.{sport} > {destination}.{dport}: UDP");
            }

            case ProtoEsp when l4.Length >= 8:
                return (PacketKind.Esp, $"{source} > {destination}: ESP(spi=0x{BinaryPrimitives.ReadUInt32BigEndian(l4):x8},seq=0x{BinaryPrimitives.ReadUInt32BigEndian(l4[4..]):x})");

            case var p when p == icmpProtocol && l4.Length >= 4:
            {
                var (name, echo) = IcmpType(protocol, l4[0]);
                var text = echo && l4.Length >= 8
                    ? $"{source} > {destination}: {name}, id {BinaryPrimitives.ReadUInt16BigEndian(l4[4..])}, seq {BinaryPrimitives.ReadUInt16BigEndian(l4[6..])}"
                    : $"{source} > {destination}: {name}";
                return (echo || protocol == ProtoIcmp ? PacketKind.Icmp : PacketKind.Other, text);
            }

            default:
                return (PacketKind.Other, $"{source} > {destination}: ip-proto-{protocol}");
        }
    }

    private static (int Source, int Destination) Ports(ReadOnlySpan<byte> l4) =>
        (BinaryPrimitives.ReadUInt16BigEndian(l4), BinaryPrimitives.ReadUInt16BigEndian(l4[2..]));

    private static (string Name, bool Echo) IcmpType(byte protocol, byte type) => (protocol, type) switch
    {
        (ProtoIcmp, 8) => ("ICMP echo request", true),
        (ProtoIcmp, 0) => ("ICMP echo reply", true),
        (ProtoIcmpV6, 128) => ("ICMP6 echo request", true),
        (ProtoIcmpV6, 129) => ("ICMP6 echo reply", true),
        (ProtoIcmpV6, 135) => ("ICMP6 neighbor solicitation", false),
        (ProtoIcmpV6, 136) => ("ICMP6 neighbor advertisement", false),
        (ProtoIcmp, _) => ($"ICMP type {type}", false),
        _ => ($"ICMP6 type {type}", false),
    };

    private static string TcpFlags(byte flags)
    {
        var text = new StringBuilder();
        if ((flags & 0x02) != 0)
            text.Append('S');
        if ((flags & 0x01) != 0)
            text.Append('F');
        if ((flags & 0x04) != 0)
            text.Append('R');
        if ((flags & 0x08) != 0)
            text.Append('P');
        if ((flags & 0x10) != 0)
            text.Append('.');
        return text.ToString();
    }

    private static string Arp(ReadOnlySpan<byte> arp)
    {
        if (arp.Length < 28)
            return "ARP (truncated)";
        var operation = BinaryPrimitives.ReadUInt16BigEndian(arp[6..]);
        var sender = new IPAddress(arp.Slice(14, 4));
        var target = new IPAddress(arp.Slice(24, 4));
        return operation == 1
            ? $"ARP, Request who-has {target} tell {sender}"
            : string.Create(CultureInfo.InvariantCulture, $"ARP, Reply {sender} is-at {Convert.ToHexString(arp.Slice(8, 6)).ToLowerInvariant()}");
    }

    private bool IsPod(IPAddress address) => podCidrs.Any(cidr => cidr.Contains(address));

    /// <summary>The probe marker and what follows it (printable ASCII), when the frame carries it in the clear.</summary>
    private static string? VisiblePayload(ReadOnlySpan<byte> data)
    {
        var at = data.IndexOf(PlaintextProbe.Marker);
        if (at < 0)
            return null;
        var excerpt = data.Slice(at, Math.Min(64, data.Length - at));
        var text = new StringBuilder(excerpt.Length);
        foreach (var b in excerpt)
            text.Append(b is >= 0x20 and < 0x7f ? (char)b : '.');
        return text.ToString();
    }
}
