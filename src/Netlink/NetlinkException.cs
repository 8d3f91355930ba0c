namespace Netlink;

/// <summary>
/// The kernel refused a request (<c>NLMSG_ERROR</c> with a negative errno), or a socket call failed.
/// Carries the operation, errno (number and name) and the kernel's extended-ack text and offset.
/// </summary>
public class NetlinkException : Exception
{
    public NetlinkException(string operation, int errno, string? kernelMessage = null, uint? kernelOffset = null)
        : base(Format(operation, errno, kernelMessage, kernelOffset))
    {
        Operation = operation;
        Errno = errno;
        KernelMessage = kernelMessage;
        KernelOffset = kernelOffset;
    }

    public NetlinkException() : this("netlink", 0) { }

    public NetlinkException(string message) : base(message) { Operation = "netlink"; }

    public NetlinkException(string message, Exception inner) : base(message, inner) { Operation = "netlink"; }

    /// <summary>What was attempted, e.g. <c>add XFRM state</c>, or the <c>ip</c> equivalent.</summary>
    public string Operation { get; } = "netlink";

    /// <summary>Positive errno, e.g. 17 for EEXIST.</summary>
    public int Errno { get; }

    public string ErrnoName => Netlink.Errno.Name(Errno);

    /// <summary>The kernel's extended-ack message (<c>NLMSGERR_ATTR_MSG</c>), when it sent one.</summary>
    public string? KernelMessage { get; }

    /// <summary>Byte offset of the offending attribute in the request (<c>NLMSGERR_ATTR_OFFS</c>), when sent.</summary>
    public uint? KernelOffset { get; }

    public bool IsNotFound => Errno is Netlink.Errno.ENOENT or Netlink.Errno.ESRCH;

    public bool IsAlreadyExists => Errno == Netlink.Errno.EEXIST;

    private static string Format(string operation, int errno, string? kernelMessage, uint? kernelOffset)
    {
        var text = $"{operation}: {Netlink.Errno.Name(errno)} ({errno}): {Netlink.Errno.Describe(errno)}";
        if (!string.IsNullOrEmpty(kernelMessage))
            text += $"; kernel says \"{kernelMessage}\"";
        if (kernelOffset is { } offset)
            text += $" (at byte {offset} of the request)";
        return text;
    }
}

/// <summary>
/// The socket's receive buffer overflowed (<c>ENOBUFS</c>): replies or events were dropped by the kernel,
/// so any state derived from them is unreliable. Callers must resync (dump again) rather than retry blindly.
/// </summary>
public sealed class NetlinkResyncRequiredException : NetlinkException
{
    public NetlinkResyncRequiredException(string operation)
        : base(operation, Netlink.Errno.ENOBUFS, "receive buffer overflow: messages were lost; resync from a fresh dump") { }

    public NetlinkResyncRequiredException() : this("netlink") { }

    public NetlinkResyncRequiredException(string message, Exception inner) : base(message, inner) { }
}
