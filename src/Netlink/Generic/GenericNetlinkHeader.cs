namespace Netlink.Generic;

/// <summary>
/// <code>struct genlmsghdr { __u8 cmd; __u8 version; __u16 reserved; };</code> (4 bytes, after <c>nlmsghdr</c>).
/// </summary>
public readonly record struct GenericNetlinkHeader(byte Command, byte Version)
{
    public const int Size = 4;

    public void Write(Span<byte> destination)
    {
        destination[0] = Command;
        destination[1] = Version;
        destination[2] = 0;
        destination[3] = 0;
    }

    public static GenericNetlinkHeader Read(ReadOnlySpan<byte> source)
    {
        if (source.Length < Size)
            throw new NetlinkDecodeException($"generic netlink header needs {Size} bytes, got {source.Length}");
        return new GenericNetlinkHeader(source[0], source[1]);
    }
}
