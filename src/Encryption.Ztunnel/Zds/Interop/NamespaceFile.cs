using System.Runtime.InteropServices;

namespace Encryption.Ztunnel.Zds.Interop;

/// <summary>An open descriptor on a network-namespace file (/run/netns/NAME or /proc/PID/ns/net), closed once.</summary>
internal sealed class NamespaceFile : SafeHandle
{
    private NamespaceFile(int fd)
        : base(new IntPtr(-1), ownsHandle: true) => SetHandle(new IntPtr(fd));

    public override bool IsInvalid => handle.ToInt64() < 0;

    public int Fd => (int)handle.ToInt64();

    /// <summary>Same as: <c>open(path, O_RDONLY|O_CLOEXEC)</c>.</summary>
    /// <exception cref="IOException">The namespace file cannot be opened (pod gone, path wrong).</exception>
    public static NamespaceFile Open(string path)
    {
        var fd = ZdsLibc.open(path, ZdsLibc.O_RDONLY | ZdsLibc.O_CLOEXEC);
        if (fd < 0)
            throw new IOException($"cannot open network namespace {path}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        return new NamespaceFile(fd);
    }

    protected override bool ReleaseHandle() => ZdsLibc.close((int)handle.ToInt64()) == 0;
}
