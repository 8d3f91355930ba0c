using System.Buffers.Binary;

namespace Netlink.Tests;

/// <summary>Builds kernel replies as bytes, the way the kernel lays them out.</summary>
internal static class Replies
{
    public static uint Seq(byte[] request) => BinaryPrimitives.ReadUInt32LittleEndian(request.AsSpan(8));

    /// <summary>An ACK (error 0) or error, capped (only the request header echoed), optionally with an ext-ack message.</summary>
    public static byte[] Error(byte[] request, int errno, string? extAck = null)
    {
        var buffer = new byte[256];
        var w = new NetlinkWriter(buffer);
        var flags = NetlinkFlags.Capped | (extAck is null ? 0 : NetlinkFlags.AckTlvs);
        var m = w.BeginMessage(NetlinkMessageType.Error, flags);
        var body = w.Reserve(4 + NetlinkHeader.Size);
        BinaryPrimitives.WriteInt32LittleEndian(body, -errno);
        request.AsSpan(0, NetlinkHeader.Size).CopyTo(body[4..]);
        if (extAck is not null)
            w.WriteString(1, extAck);
        w.End(m);
        var bytes = w.Written.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), Seq(request));
        return bytes;
    }

    public static byte[] Ack(byte[] request) => Error(request, 0);

    /// <summary>One datagram holding dump messages (type 0x10, one u32 attribute 1 each) with the request's sequence.</summary>
    public static byte[] DumpPart(byte[] request, IEnumerable<uint> values, bool done, NetlinkFlags extra = NetlinkFlags.None)
    {
        var buffer = new byte[4096];
        var w = new NetlinkWriter(buffer);
        foreach (var v in values)
        {
            var m = w.BeginMessage(0x10, NetlinkFlags.Multi | extra);
            w.WriteU32(1, v);
            w.End(m);
        }

        if (done)
        {
            var d = w.BeginMessage(NetlinkMessageType.Done, NetlinkFlags.Multi | extra);
            w.Reserve(4);
            w.End(d);
        }

        var bytes = w.Written.ToArray();
        var reader = new NetlinkMessageReader(bytes);
        var offset = 0;
        while (reader.TryRead(out var msg))
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(offset + 8), Seq(request));
            offset += NetlinkAlignment.Align((int)msg.Header.Length);
        }

        return bytes;
    }
}
