using Netlink.Interop;
using System.Runtime.InteropServices;

namespace Netlink;

/// <summary>
/// A handle on a network namespace (by name under /run/netns, by path, or by an fd). Sockets opened
/// "in" it are created on a short-lived thread that enters the namespace with <c>setns</c>; the
/// socket stays bound to that namespace, and the rest of the process never moves.
/// </summary>
public sealed class NetworkNamespace : IDisposable
{
    private readonly FileDescriptorHandle handle;

    private NetworkNamespace(FileDescriptorHandle handle, string description)
    {
        this.handle = handle;
        Description = description;
    }

    /// <summary>Where the namespace came from, for messages.</summary>
    public string Description { get; }

    public FileDescriptorHandle Handle => handle;

    /// <summary>Same as: <c>ip netns exec NAME</c> (opens /run/netns/NAME).</summary>
    public static NetworkNamespace FromName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('/', StringComparison.Ordinal))
            throw new ArgumentException($"invalid network namespace name \"{name}\"", nameof(name));
        return FromPath("/run/netns/" + name);
    }

    public static NetworkNamespace FromPath(string path)
    {
        var fd = Libc.open(path, Libc.O_RDONLY | Libc.O_CLOEXEC);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new NetlinkException($"open network namespace {path}", errno);
        }

        return new NetworkNamespace(new FileDescriptorHandle(fd), path);
    }

    /// <summary>Wraps an existing descriptor; it is not closed by <see cref="Dispose"/>.</summary>
    public static NetworkNamespace FromFd(int fd) => new(new FileDescriptorHandle(fd, ownsHandle: false), $"fd {fd}");

    /// <summary>The calling process's current network namespace.</summary>
    public static NetworkNamespace Current() => FromPath("/proc/thread-self/ns/net");

    /// <summary>Runs <paramref name="action"/> on a dedicated thread inside this namespace and returns its result.</summary>
    public T Run<T>(Func<T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = RunHere(action);
            }
#pragma warning disable CA1031 // rethrown on the calling thread below
            catch (Exception e)
#pragma warning restore CA1031
            {
                failure = e;
            }
        })
        {
            IsBackground = true,
            Name = "netns " + Description,
        };
        thread.Start();
        thread.Join();
        if (failure is not null)
            throw failure;
        return result;
    }

    private T RunHere<T>(Func<T> action)
    {
        var original = Libc.open("/proc/thread-self/ns/net", Libc.O_RDONLY | Libc.O_CLOEXEC);
        if (original < 0)
            throw new NetlinkException("open /proc/thread-self/ns/net", Marshal.GetLastPInvokeError());
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            if (Libc.setns(handle.Fd, Libc.CLONE_NEWNET) != 0)
                throw new NetlinkException($"enter network namespace {Description}", Marshal.GetLastPInvokeError());
            try
            {
                return action();
            }
            finally
            {
                // If this fails the thread still ends right after, so nothing else runs in the wrong namespace.
                _ = Libc.setns(original, Libc.CLONE_NEWNET);
            }
        }
        finally
        {
            if (added)
                handle.DangerousRelease();
            _ = Libc.close(original);
        }
    }

    public void Dispose() => handle.Dispose();
}
