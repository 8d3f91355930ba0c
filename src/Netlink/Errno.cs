using System.Collections.Frozen;

namespace Netlink;

/// <summary>Linux errno numbers (x86_64) with their names and short descriptions, for readable errors.</summary>
public static class Errno
{
    public const int EPERM = 1;
    public const int ENOENT = 2;
    public const int ESRCH = 3;
    public const int EINTR = 4;
    public const int EBADF = 9;
    public const int EAGAIN = 11;
    public const int ENOMEM = 12;
    public const int EACCES = 13;
    public const int EBUSY = 16;
    public const int EEXIST = 17;
    public const int ENODEV = 19;
    public const int EINVAL = 22;
    public const int ENOSPC = 28;
    public const int ERANGE = 34;
    public const int ENOSYS = 38;
    public const int EMSGSIZE = 90;
    public const int EPROTONOSUPPORT = 93;
    public const int EOPNOTSUPP = 95;
    public const int EAFNOSUPPORT = 97;
    public const int ENOBUFS = 105;
    public const int ETIMEDOUT = 110;

    private static readonly FrozenDictionary<int, (string Name, string Text)> Table = new Dictionary<int, (string, string)>
    {
        [1] = ("EPERM", "operation not permitted (CAP_NET_ADMIN needed)"),
        [2] = ("ENOENT", "no such file or directory / object not found"),
        [3] = ("ESRCH", "no such process / object not found"),
        [4] = ("EINTR", "interrupted system call"),
        [5] = ("EIO", "input/output error"),
        [6] = ("ENXIO", "no such device or address"),
        [7] = ("E2BIG", "argument list too long"),
        [9] = ("EBADF", "bad file descriptor"),
        [11] = ("EAGAIN", "resource temporarily unavailable"),
        [12] = ("ENOMEM", "cannot allocate memory"),
        [13] = ("EACCES", "permission denied"),
        [14] = ("EFAULT", "bad address"),
        [16] = ("EBUSY", "device or resource busy"),
        [17] = ("EEXIST", "object already exists"),
        [19] = ("ENODEV", "no such device"),
        [20] = ("ENOTDIR", "not a directory"),
        [22] = ("EINVAL", "invalid argument"),
        [23] = ("ENFILE", "too many open files in system"),
        [24] = ("EMFILE", "too many open files"),
        [28] = ("ENOSPC", "no space left on device"),
        [34] = ("ERANGE", "numerical result out of range"),
        [38] = ("ENOSYS", "function not implemented (algorithm not known to the kernel)"),
        [61] = ("ENODATA", "no data available"),
        [71] = ("EPROTO", "protocol error"),
        [74] = ("EBADMSG", "bad message"),
        [75] = ("EOVERFLOW", "value too large for defined data type"),
        [88] = ("ENOTSOCK", "socket operation on non-socket"),
        [90] = ("EMSGSIZE", "message too long"),
        [92] = ("ENOPROTOOPT", "protocol not available"),
        [93] = ("EPROTONOSUPPORT", "protocol not supported (kernel module missing?)"),
        [95] = ("EOPNOTSUPP", "operation not supported"),
        [97] = ("EAFNOSUPPORT", "address family not supported"),
        [98] = ("EADDRINUSE", "address already in use"),
        [99] = ("EADDRNOTAVAIL", "cannot assign requested address"),
        [100] = ("ENETDOWN", "network is down"),
        [101] = ("ENETUNREACH", "network is unreachable"),
        [105] = ("ENOBUFS", "no buffer space available (netlink receive buffer overflowed)"),
        [110] = ("ETIMEDOUT", "timed out"),
        [111] = ("ECONNREFUSED", "connection refused"),
        [114] = ("EALREADY", "operation already in progress"),
        [115] = ("EINPROGRESS", "operation now in progress"),
    }.ToFrozenDictionary();

    /// <summary>The symbolic name (e.g. <c>EEXIST</c>), or <c>errno N</c> when unknown.</summary>
    public static string Name(int errno) => Table.TryGetValue(errno, out var e) ? e.Name : $"errno {errno}";

    public static string Describe(int errno) => Table.TryGetValue(errno, out var e) ? e.Text : "unknown error";
}
