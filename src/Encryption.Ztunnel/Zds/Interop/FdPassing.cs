using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Encryption.Ztunnel.Zds.Interop;

/// <summary>One datagram out with (optionally) one fd as SCM_RIGHTS; one datagram in with any fds it carries.</summary>
internal static unsafe class FdPassing
{
    /// <summary>
    /// Same as: <c>sendmsg(sock, {iov = payload, control = SCM_RIGHTS [fd]}, MSG_NOSIGNAL)</c>. The socket is
    /// non-blocking (a .NET socket); a full buffer is waited out with poll up to <paramref name="timeout"/>.
    /// </summary>
    public static void Send(Socket socket, ReadOnlySpan<byte> payload, SafeHandle? fd, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var socketAdded = false;
        var fdAdded = false;
        try
        {
            socket.SafeHandle.DangerousAddRef(ref socketAdded);
            fd?.DangerousAddRef(ref fdAdded);
            var control = stackalloc byte[ZdsLibc.CmsgSpaceOneFd];
            new Span<byte>(control, ZdsLibc.CmsgSpaceOneFd).Clear();
            fixed (byte* data = payload)
            {
                var iov = new ZdsLibc.IoVec { Base = data, Length = (nuint)payload.Length };
                var msg = new ZdsLibc.MsgHdr { Iov = &iov, IovLength = 1 };
                if (fd is not null)
                {
                    *(nuint*)control = ZdsLibc.CmsgLenOneFd;
                    *(int*)(control + 8) = ZdsLibc.SOL_SOCKET;
                    *(int*)(control + 12) = ZdsLibc.SCM_RIGHTS;
                    *(int*)(control + ZdsLibc.CmsgHeaderSize) = (int)fd.DangerousGetHandle();
                    msg.Control = control;
                    msg.ControlLength = ZdsLibc.CmsgSpaceOneFd;
                }

                SendRetrying(socket, (int)socket.SafeHandle.DangerousGetHandle(), &msg, timeout);
            }
        }
        finally
        {
            if (fdAdded)
                fd!.DangerousRelease();
            if (socketAdded)
                socket.SafeHandle.DangerousRelease();
        }
    }

    private static void SendRetrying(Socket socket, int sock, ZdsLibc.MsgHdr* msg, TimeSpan timeout)
    {
        while (true)
        {
            if (ZdsLibc.sendmsg(sock, msg, ZdsLibc.MSG_NOSIGNAL) >= 0)
                return;
            var errno = Marshal.GetLastPInvokeError();
            if (errno == ZdsLibc.EINTR)
                continue;
            if (errno == ZdsLibc.EAGAIN && socket.Poll(timeout, SelectMode.SelectWrite))
                continue;
            throw new SocketException(errno);
        }
    }

    /// <summary>
    /// Same as: <c>recvmsg(sock, ..., MSG_CMSG_CLOEXEC)</c>, blocking until a datagram arrives; returns its length
    /// (0 = EOF), whether it was truncated, and the fds it carried (the caller owns them).
    /// </summary>
    public static (int Length, bool Truncated, List<int> Fds) Receive(int sock, Span<byte> buffer)
    {
        var control = stackalloc byte[64];
        fixed (byte* data = buffer)
        {
            var iov = new ZdsLibc.IoVec { Base = data, Length = (nuint)buffer.Length };
            var msg = new ZdsLibc.MsgHdr { Iov = &iov, IovLength = 1, Control = control, ControlLength = 64 };
            nint n;
            do
            {
                n = ZdsLibc.recvmsg(sock, &msg, ZdsLibc.MSG_CMSG_CLOEXEC);
            }
            while (n < 0 && Marshal.GetLastPInvokeError() == ZdsLibc.EINTR);
            if (n < 0)
                throw new SocketException(Marshal.GetLastPInvokeError());
            var fds = new List<int>();
            var offset = 0;
            while (offset + ZdsLibc.CmsgHeaderSize <= (int)msg.ControlLength)
            {
                var length = (int)*(nuint*)(control + offset);
                if (length < ZdsLibc.CmsgHeaderSize)
                    break;
                var level = *(int*)(control + offset + 8);
                var type = *(int*)(control + offset + 12);
                if (level == ZdsLibc.SOL_SOCKET && type == ZdsLibc.SCM_RIGHTS)
                {
                    for (var p = ZdsLibc.CmsgHeaderSize; p + 4 <= length; p += 4)
                        fds.Add(*(int*)(control + offset + p));
                }

                offset += (length + 7) & ~7;
            }

            var truncated = (msg.Flags & (ZdsLibc.MSG_TRUNC | ZdsLibc.MSG_CTRUNC)) != 0;
            return ((int)n, truncated, fds);
        }
    }
}
