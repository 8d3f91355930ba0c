using System.Buffers.Binary;

namespace Netlink;

/// <summary>
/// <code>
/// struct nlmsghdr {
///     __u32 nlmsg_len;   /* Length of message including header */
///     __u16 nlmsg_type;
///     __u16 nlmsg_flags;
///     __u32 nlmsg_seq;
///     __u32 nlmsg_pid;
/// };
/// </code>
/// </summary>
public readonly record struct NetlinkHeader(uint Length, ushort Type, NetlinkFlags Flags, uint Sequence, uint PortId)
{
    public const int Size = 16;
    public const int SequenceOffset = 8;

    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, Length);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[4..], Type);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[6..], (ushort)Flags);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], Sequence);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[12..], PortId);
    }

    public static NetlinkHeader Read(ReadOnlySpan<byte> source)
    {
        if (source.Length < Size)
            throw new NetlinkDecodeException($"netlink header needs {Size} bytes, got {source.Length}");
        return new NetlinkHeader(
            BinaryPrimitives.ReadUInt32LittleEndian(source),
            BinaryPrimitives.ReadUInt16LittleEndian(source[4..]),
            (NetlinkFlags)BinaryPrimitives.ReadUInt16LittleEndian(source[6..]),
            BinaryPrimitives.ReadUInt32LittleEndian(source[8..]),
            BinaryPrimitives.ReadUInt32LittleEndian(source[12..]));
    }

    /// <summary>Overwrites the sequence number of an encoded message in place.</summary>
    public static void PatchSequence(Span<byte> message, uint sequence) =>
        BinaryPrimitives.WriteUInt32LittleEndian(message[SequenceOffset..], sequence);
}
