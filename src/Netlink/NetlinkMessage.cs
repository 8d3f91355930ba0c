namespace Netlink;

/// <summary>A received message: its header and the payload after the header (length checked).</summary>
public readonly ref struct NetlinkMessage
{
    public NetlinkMessage(NetlinkHeader header, ReadOnlySpan<byte> payload)
    {
        Header = header;
        Payload = payload;
    }

    public NetlinkHeader Header { get; }

    public ReadOnlySpan<byte> Payload { get; }

    /// <summary>Attributes following a fixed-size family header of <paramref name="fixedHeaderSize"/> bytes.</summary>
    public NetlinkAttributeReader Attributes(int fixedHeaderSize)
    {
        var aligned = NetlinkAlignment.Align(fixedHeaderSize);
        if (Payload.Length < fixedHeaderSize)
            throw new NetlinkDecodeException(
                $"message type 0x{Header.Type:x} needs a {fixedHeaderSize}-byte header, has {Payload.Length} bytes");
        return new NetlinkAttributeReader(aligned <= Payload.Length ? Payload[aligned..] : default);
    }
}

/// <summary>Iterates the messages in one received datagram.</summary>
public ref struct NetlinkMessageReader
{
    private ReadOnlySpan<byte> remaining;

    public NetlinkMessageReader(ReadOnlySpan<byte> datagram) => remaining = datagram;

    public bool TryRead(out NetlinkMessage message)
    {
        message = default;
        if (remaining.IsEmpty)
            return false;
        var header = NetlinkHeader.Read(remaining);
        if (header.Length < NetlinkHeader.Size || header.Length > remaining.Length)
            throw new NetlinkDecodeException(
                $"message type 0x{header.Type:x} claims {header.Length} bytes but {remaining.Length} remain");
        message = new NetlinkMessage(header, remaining[NetlinkHeader.Size..(int)header.Length]);
        var advance = Math.Min(NetlinkAlignment.Align((int)header.Length), remaining.Length);
        remaining = remaining[advance..];
        return true;
    }
}
