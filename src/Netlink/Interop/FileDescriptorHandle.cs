using System.Runtime.InteropServices;

namespace Netlink.Interop;

/// <summary>An owned file descriptor (socket or namespace file) closed exactly once.</summary>
public sealed class FileDescriptorHandle : SafeHandle
{
    public FileDescriptorHandle(int fd, bool ownsHandle = true)
        : base(new IntPtr(-1), ownsHandle) => SetHandle(new IntPtr(fd));

    public override bool IsInvalid => handle.ToInt64() < 0;

    /// <summary>The raw descriptor, for calls made while a reference is held (see <see cref="SafeHandle.DangerousAddRef"/>).</summary>
    public int Fd => (int)handle.ToInt64();

    protected override bool ReleaseHandle() => Libc.close((int)handle.ToInt64()) == 0;
}
