namespace Netlink;

/// <summary>Bytes that do not form valid netlink: a length that does not fit, a truncated struct, a bad attribute.</summary>
public sealed class NetlinkDecodeException : Exception
{
    public NetlinkDecodeException(string message) : base(message) { }

    public NetlinkDecodeException(string message, Exception inner) : base(message, inner) { }

    public NetlinkDecodeException() { }
}
