using System.Buffers.Binary;
using System.Text;

namespace Netlink;

/// <summary>
/// Writes netlink messages and attributes into one caller-owned buffer. Lengths of messages and
/// nested attributes are backfilled when their scope ends; every item is padded to 4 bytes with zeros.
/// The sequence number is left 0: <see cref="NetlinkClient"/> owns sequence numbers and stamps them at send time.
/// </summary>
public ref struct NetlinkWriter
{
    private readonly Span<byte> buffer;

    public NetlinkWriter(Span<byte> buffer)
    {
        this.buffer = buffer;
        Position = 0;
    }

    public int Position { get; private set; }

    public readonly int Capacity => buffer.Length;

    public readonly ReadOnlySpan<byte> Written => buffer[..Position];

    /// <summary>Starts a message: writes a header whose length is backfilled by <see cref="End(MessageScope)"/>.</summary>
    public MessageScope BeginMessage(ushort type, NetlinkFlags flags)
    {
        var start = Position;
        new NetlinkHeader(0, type, flags, 0, 0).Write(Reserve(NetlinkHeader.Size));
        return new MessageScope(start);
    }

    public void End(MessageScope scope) =>
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[scope.Start..], (uint)(Position - scope.Start));

    /// <summary>Reserves <paramref name="length"/> zeroed bytes (plus zero padding to 4) and returns them for filling.</summary>
    public Span<byte> Reserve(int length)
    {
        var padded = NetlinkAlignment.Align(length);
        if (padded > buffer.Length - Position)
            throw new InvalidOperationException(
                $"netlink message does not fit: {padded} more bytes needed at {Position} of a {buffer.Length}-byte buffer");
        var span = buffer.Slice(Position, padded);
        span.Clear();
        Position += padded;
        return span[..length];
    }

    /// <summary>Writes an attribute header and reserves its payload.</summary>
    public Span<byte> ReserveAttribute(ushort type, int payloadLength)
    {
        var whole = Reserve(NetlinkAttribute.HeaderSize + payloadLength);
        BinaryPrimitives.WriteUInt16LittleEndian(whole, (ushort)(NetlinkAttribute.HeaderSize + payloadLength));
        BinaryPrimitives.WriteUInt16LittleEndian(whole[2..], type);
        return whole[NetlinkAttribute.HeaderSize..];
    }

    public void WriteAttribute(ushort type, ReadOnlySpan<byte> payload) => payload.CopyTo(ReserveAttribute(type, payload.Length));

    public void WriteFlagAttribute(ushort type) => ReserveAttribute(type, 0);

    public void WriteU8(ushort type, byte value) => ReserveAttribute(type, 1)[0] = value;

    public void WriteU16(ushort type, ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(ReserveAttribute(type, 2), value);

    public void WriteU32(ushort type, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(ReserveAttribute(type, 4), value);

    public void WriteU64(ushort type, ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(ReserveAttribute(type, 8), value);

    /// <summary>Writes a NUL-terminated string attribute (<c>NLA_NUL_STRING</c>).</summary>
    public void WriteString(ushort type, string value)
    {
        var span = ReserveAttribute(type, Encoding.UTF8.GetByteCount(value) + 1);
        Encoding.UTF8.GetBytes(value, span);
    }

    /// <summary>Starts a nested attribute; <see cref="End(AttributeScope)"/> backfills its length.</summary>
    public AttributeScope BeginNested(ushort type, bool markNested = true)
    {
        var start = Position;
        ReserveAttribute(markNested ? (ushort)(type | NetlinkAttribute.NestedFlag) : type, 0);
        return new AttributeScope(start);
    }

    public void End(AttributeScope scope) =>
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[scope.Start..], checked((ushort)(Position - scope.Start)));

    /// <summary>Where a message began; ends it with <see cref="End(MessageScope)"/>.</summary>
    public readonly record struct MessageScope(int Start);

    /// <summary>Where a nested attribute began; ends it with <see cref="End(AttributeScope)"/>.</summary>
    public readonly record struct AttributeScope(int Start);
}
