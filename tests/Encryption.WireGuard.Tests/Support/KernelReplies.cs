using Netlink;
using System.Buffers.Binary;

namespace Encryption.WireGuard.Tests.Support;

/// <summary>Kernel replies as bytes.</summary>
internal static class KernelReplies
{
    public static uint Seq(byte[] request) => BinaryPrimitives.ReadUInt32LittleEndian(request.AsSpan(8));

    public static ushort Type(byte[] request) => BinaryPrimitives.ReadUInt16LittleEndian(request.AsSpan(4));

    /// <summary>NLMSG_ERROR carrying -errno (0 = ack), capped.</summary>
    public static byte[] Error(byte[] request, int errno)
    {
        var bytes = new byte[16 + 4 + 16];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)bytes.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(4), NetlinkMessageType.Error);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(6), (ushort)NetlinkFlags.Capped);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), Seq(request));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(16), -errno);
        request.AsSpan(0, 16).CopyTo(bytes.AsSpan(20));
        return bytes;
    }

    /// <summary>The fixture messages with the request's sequence number, then NLMSG_DONE, in one datagram.</summary>
    public static byte[] Dump(byte[] request, IEnumerable<byte[]> messages, int doneError = 0)
    {
        var list = messages.Select(m => m.ToArray()).ToList();
        var done = new byte[20];
        BinaryPrimitives.WriteUInt32LittleEndian(done, 20);
        BinaryPrimitives.WriteUInt16LittleEndian(done.AsSpan(4), NetlinkMessageType.Done);
        BinaryPrimitives.WriteUInt16LittleEndian(done.AsSpan(6), (ushort)NetlinkFlags.Multi);
        BinaryPrimitives.WriteInt32LittleEndian(done.AsSpan(16), -doneError);
        list.Add(done);
        using var stream = new MemoryStream();
        foreach (var m in list)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(m.AsSpan(8), Seq(request));
            stream.Write(m);
            stream.Write(new byte[NetlinkAlignment.Align(m.Length) - m.Length]);
        }

        return stream.ToArray();
    }
}
