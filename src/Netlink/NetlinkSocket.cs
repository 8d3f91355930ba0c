using Netlink.Interop;
using System.Runtime.InteropServices;

namespace Netlink;

/// <summary>
/// A real <c>AF_NETLINK</c> socket: the only code in the project that makes netlink syscalls.
/// </summary>
public sealed unsafe class NetlinkSocket : INetlinkTransport
{
    private readonly FileDescriptorHandle handle;

    private NetlinkSocket(FileDescriptorHandle handle, NetlinkProtocol protocol, int receiveBufferBytes, int bytesPerReply)
    {
        this.handle = handle;
        Protocol = protocol;
        ReceiveBufferBytes = receiveBufferBytes;
        MaxOutstandingReplies = Math.Clamp(receiveBufferBytes / bytesPerReply, 16, 8192);
    }

    public NetlinkProtocol Protocol { get; }

    /// <summary>The receive buffer the kernel granted (it reports twice the requested size).</summary>
    public int ReceiveBufferBytes { get; }

    public int MaxOutstandingReplies { get; }

    /// <summary>Opens a socket in the current namespace, or in <paramref name="networkNamespace"/> without moving the process.</summary>
    public static NetlinkSocket Open(NetlinkProtocol protocol, NetlinkSocketOptions? options = null, NetworkNamespace? networkNamespace = null)
    {
        options ??= new NetlinkSocketOptions();
        return networkNamespace is null
            ? OpenHere(protocol, options)
            : networkNamespace.Run(() => OpenHere(protocol, options));
    }

    private static NetlinkSocket OpenHere(NetlinkProtocol protocol, NetlinkSocketOptions options)
    {
        var fd = Libc.socket(Libc.AF_NETLINK, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, (int)protocol);
        if (fd < 0)
            throw new NetlinkException($"open netlink socket (protocol {protocol})", Marshal.GetLastPInvokeError());
        var handle = new FileDescriptorHandle(fd);
        try
        {
            SetBuffer(fd, Libc.SO_RCVBUFFORCE, Libc.SO_RCVBUF, options.ReceiveBufferBytes);
            SetBuffer(fd, Libc.SO_SNDBUFFORCE, Libc.SO_SNDBUF, options.SendBufferBytes);
            if (options.ExtendedAck)
                SetInt(fd, Libc.SOL_NETLINK, Libc.NETLINK_EXT_ACK, 1, optional: true);
            if (options.CapAck)
                SetInt(fd, Libc.SOL_NETLINK, Libc.NETLINK_CAP_ACK, 1, optional: true);
            var timeout = stackalloc long[2];
            timeout[0] = (long)options.ReceiveTimeout.TotalSeconds;
            timeout[1] = options.ReceiveTimeout.Milliseconds * 1000L;
            Check(Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_RCVTIMEO, timeout, 16), "set SO_RCVTIMEO");

            var address = new SockAddrNl { Family = Libc.AF_NETLINK };
            Check(Libc.bind(fd, &address, SockAddrNl.Size), "bind netlink socket");
            var granted = GetInt(fd, Libc.SOL_SOCKET, Libc.SO_RCVBUF);
            return new NetlinkSocket(handle, protocol, granted, options.BytesPerReply);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Subscribes to a multicast group (<c>NETLINK_ADD_MEMBERSHIP</c>).</summary>
    public void JoinGroup(uint group)
    {
        using var fd = new FdLease(handle);
        var value = group;
        Check(Libc.setsockopt(fd.Value, Libc.SOL_NETLINK, Libc.NETLINK_ADD_MEMBERSHIP, &value, 4), $"join netlink group {group}");
    }

    public void Send(ReadOnlySpan<byte> datagram)
    {
        using var fd = new FdLease(handle);
        var address = new SockAddrNl { Family = Libc.AF_NETLINK };
        fixed (byte* p = datagram)
        {
            while (true)
            {
                var sent = Libc.sendto(fd.Value, p, (nuint)datagram.Length, 0, &address, SockAddrNl.Size);
                if (sent >= 0)
                    return;
                var errno = Marshal.GetLastPInvokeError();
                if (errno != Errno.EINTR)
                    throw new NetlinkException($"send {datagram.Length} bytes on netlink socket", errno);
            }
        }
    }

    public int Receive(Span<byte> buffer)
    {
        using var fd = new FdLease(handle);
        fixed (byte* p = buffer)
        {
            while (true)
            {
                var received = Libc.recv(fd.Value, p, (nuint)buffer.Length, Libc.MSG_TRUNC);
                if (received >= 0)
                {
                    if (received > buffer.Length)
                        throw new NetlinkDecodeException(
                            $"netlink datagram of {received} bytes truncated to the {buffer.Length}-byte receive buffer");
                    return (int)received;
                }

                var errno = Marshal.GetLastPInvokeError();
                switch (errno)
                {
                    case Errno.EINTR:
                        continue;
                    case Errno.ENOBUFS:
                        throw new NetlinkResyncRequiredException("receive from netlink socket");
                    case Errno.EAGAIN:
                        throw new NetlinkException("receive from netlink socket: no reply within the timeout", Errno.ETIMEDOUT);
                    default:
                        throw new NetlinkException("receive from netlink socket", errno);
                }
            }
        }
    }

    public void Dispose() => handle.Dispose();

    private static void SetBuffer(int fd, int forced, int plain, int bytes)
    {
        if (Libc.setsockopt(fd, Libc.SOL_SOCKET, forced, &bytes, 4) != 0)
            SetInt(fd, Libc.SOL_SOCKET, plain, bytes, optional: false);
    }

    private static void SetInt(int fd, int level, int name, int value, bool optional)
    {
        if (Libc.setsockopt(fd, level, name, &value, 4) != 0 && !optional)
            throw new NetlinkException($"setsockopt({level}, {name})", Marshal.GetLastPInvokeError());
    }

    private static int GetInt(int fd, int level, int name)
    {
        int value = 0;
        uint length = 4;
        Check(Libc.getsockopt(fd, level, name, &value, &length), $"getsockopt({level}, {name})");
        return value;
    }

    private static void Check(int result, string operation)
    {
        if (result != 0)
            throw new NetlinkException(operation, Marshal.GetLastPInvokeError());
    }
}
