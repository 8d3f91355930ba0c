using System.Runtime.InteropServices;

namespace Encryption.Ztunnel.Zds.Interop;

/// <summary>
/// The few libc calls ZDS needs that .NET sockets lack: sendmsg/recvmsg with an SCM_RIGHTS fd, and
/// open/close/fstat for network-namespace files. Layouts are the 64-bit Linux ones (x86_64, arm64).
/// </summary>
internal static unsafe partial class ZdsLibc
{
    public const int SOL_SOCKET = 1;
    public const int SCM_RIGHTS = 1;
    public const int MSG_TRUNC = 0x20;
    public const int MSG_CTRUNC = 0x8;
    public const int MSG_DONTWAIT = 0x40;
    public const int MSG_NOSIGNAL = 0x4000;
    public const int MSG_CMSG_CLOEXEC = 0x40000000;
    public const int O_RDONLY = 0;
    public const int O_CLOEXEC = 0x80000;
    public const int EAGAIN = 11;
    public const int EINTR = 4;

    /// <summary>sizeof(struct cmsghdr) on 64-bit Linux: size_t cmsg_len; int cmsg_level; int cmsg_type.</summary>
    public const int CmsgHeaderSize = 16;

    /// <summary>CMSG_SPACE(sizeof(int)): header plus one fd, padded to 8.</summary>
    public const int CmsgSpaceOneFd = 24;

    /// <summary>CMSG_LEN(sizeof(int)).</summary>
    public const int CmsgLenOneFd = 20;

    /// <summary>struct iovec { void *iov_base; size_t iov_len; }.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct IoVec
    {
        public void* Base;
        public nuint Length;
    }

    /// <summary>
    /// struct msghdr { void *msg_name; socklen_t msg_namelen; struct iovec *msg_iov; size_t msg_iovlen;
    /// void *msg_control; size_t msg_controllen; int msg_flags; } (56 bytes).
    /// </summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct MsgHdr
    {
        public void* Name;
        public uint NameLength;
        public IoVec* Iov;
        public nuint IovLength;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint sendmsg(int fd, MsgHdr* msg, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint recvmsg(int fd, MsgHdr* msg, int flags);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int open(string path, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int close(int fd);
}
