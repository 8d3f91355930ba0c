using System.Buffers.Binary;
using System.Net;

namespace Encryption.Lab.Tests.Unit;

/// <summary>Ethernet frames built byte by byte, as tcpdump captures them on the underlay bridge.</summary>
internal static class Frames
{
    public static byte[] IPv4(string source, string destination, byte protocol, byte[] l4)
    {
        var ip = new byte[20 + l4.Length];
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(2), (ushort)ip.Length);
        ip[8] = 64;
        ip[9] = protocol;
        IPAddress.Parse(source).GetAddressBytes().CopyTo(ip, 12);
        IPAddress.Parse(destination).GetAddressBytes().CopyTo(ip, 16);
        l4.CopyTo(ip, 20);
        return Ethernet(0x0800, ip);
    }

    public static byte[] IPv6(string source, string destination, byte nextHeader, byte[] l4)
    {
        var ip = new byte[40 + l4.Length];
        ip[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(4), (ushort)l4.Length);
        ip[6] = nextHeader;
        ip[7] = 64;
        IPAddress.Parse(source).GetAddressBytes().CopyTo(ip, 8);
        IPAddress.Parse(destination).GetAddressBytes().CopyTo(ip, 24);
        l4.CopyTo(ip, 40);
        return Ethernet(0x86dd, ip);
    }

    public static byte[] Arp(string sender, string target)
    {
        var arp = new byte[28];
        BinaryPrimitives.WriteUInt16BigEndian(arp, 1);
        BinaryPrimitives.WriteUInt16BigEndian(arp.AsSpan(2), 0x0800);
        arp[4] = 6;
        arp[5] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(arp.AsSpan(6), 1);
        IPAddress.Parse(sender).GetAddressBytes().CopyTo(arp, 14);
        IPAddress.Parse(target).GetAddressBytes().CopyTo(arp, 24);
        return Ethernet(0x0806, arp);
    }

    public static byte[] IcmpEcho(ushort id, ushort sequence, byte type = 8) =>
        [type, 0, 0, 0, (byte)(id >> 8), (byte)id, (byte)(sequence >> 8), (byte)sequence, .. new byte[56]];

    public static byte[] Tcp(ushort sourcePort, ushort destinationPort, byte flags, byte[]? payload = null)
    {
        var tcp = new byte[20 + (payload?.Length ?? 0)];
        BinaryPrimitives.WriteUInt16BigEndian(tcp, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(tcp.AsSpan(2), destinationPort);
        tcp[12] = 5 << 4;
        tcp[13] = flags;
        payload?.CopyTo(tcp, 20);
        return tcp;
    }

    public static byte[] Udp(ushort sourcePort, ushort destinationPort, int payloadLength = 32)
    {
        var udp = new byte[8 + payloadLength];
        BinaryPrimitives.WriteUInt16BigEndian(udp, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(2), destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(4), (ushort)udp.Length);
        return udp;
    }

    public static byte[] Esp(uint spi, uint sequence)
    {
        var esp = new byte[8 + 64];
        BinaryPrimitives.WriteUInt32BigEndian(esp, spi);
        BinaryPrimitives.WriteUInt32BigEndian(esp.AsSpan(4), sequence);
        Random.Shared.NextBytes(esp.AsSpan(8));
        return esp;
    }

    /// <summary>A classic pcap file: global header (given magic and byte order), then each frame with its record header.</summary>
    public static byte[] Pcap(IEnumerable<byte[]> frames, uint magic = 0xa1b2c3d4, bool bigEndian = false, uint linkType = 1)
    {
        var file = new List<byte>();
        void U32(uint v)
        {
            var b = new byte[4];
            if (bigEndian)
                BinaryPrimitives.WriteUInt32BigEndian(b, v);
            else
                BinaryPrimitives.WriteUInt32LittleEndian(b, v);
            file.AddRange(b);
        }

        void U16(ushort v)
        {
            var b = new byte[2];
            if (bigEndian)
                BinaryPrimitives.WriteUInt16BigEndian(b, v);
            else
                BinaryPrimitives.WriteUInt16LittleEndian(b, v);
            file.AddRange(b);
        }

        U32(magic);
        U16(2);
        U16(4);
        U32(0);
        U32(0);
        U32(262144);
        U32(linkType);
        var second = 1_700_000_000u;
        foreach (var frame in frames)
        {
            U32(second++);
            U32(500);
            U32((uint)frame.Length);
            U32((uint)frame.Length);
            file.AddRange(frame);
        }

        return [.. file];
    }

    private static byte[] Ethernet(ushort etherType, byte[] payload)
    {
        var frame = new byte[14 + payload.Length];
        frame[0] = 0x02;
        frame[6] = 0x02;
        frame[11] = 1;
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), etherType);
        payload.CopyTo(frame, 14);
        return frame;
    }
}
