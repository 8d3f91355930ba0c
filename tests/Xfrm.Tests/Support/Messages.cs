using System.Buffers.Binary;
using Netlink;

namespace Xfrm.Tests.Support;

/// <summary>Splitting datagrams into messages and comparing messages without their sequence number and port id.</summary>
internal static class Messages
{
    public static List<byte[]> Split(byte[] datagram)
    {
        var messages = new List<byte[]>();
        var offset = 0;
        while (offset < datagram.Length)
        {
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(datagram.AsSpan(offset));
            messages.Add(datagram.AsSpan(offset, Math.Min(length, datagram.Length - offset)).ToArray());
            offset += NetlinkAlignment.Align(length);
        }

        return messages;
    }

    public static NetlinkHeader Header(byte[] message) => NetlinkHeader.Read(message);

    /// <summary>A copy with nlmsg_seq and nlmsg_pid zeroed.</summary>
    public static byte[] Anonymous(ReadOnlySpan<byte> message)
    {
        var copy = message.ToArray();
        copy.AsSpan(8, 8).Clear();
        return copy;
    }

    /// <summary>Encodes one message with <paramref name="encode"/> into a fresh buffer.</summary>
    public static byte[] Encode(MessageEncoder encode)
    {
        var buffer = new byte[64 * 1024];
        var writer = new NetlinkWriter(buffer);
        encode(ref writer);
        return writer.Written.ToArray();
    }

    public static void AssertSameMessage(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual) =>
        Assert.Equal(Convert.ToHexString(Anonymous(expected)), Convert.ToHexString(Anonymous(actual)));

    public static T Decode<T>(byte[] message, Func<NetlinkMessage, T> decode)
    {
        var reader = new NetlinkMessageReader(message);
        Assert.True(reader.TryRead(out var parsed));
        return decode(parsed);
    }
}
