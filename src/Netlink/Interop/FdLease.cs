namespace Netlink.Interop;

/// <summary>Keeps a descriptor from being closed while a syscall uses it.</summary>
internal ref struct FdLease
{
    private readonly FileDescriptorHandle handle;
    private bool added;

    public FdLease(FileDescriptorHandle handle)
    {
        this.handle = handle;
        added = false;
        handle.DangerousAddRef(ref added);
    }

    public readonly int Value => handle.Fd;

    public void Dispose()
    {
        if (added)
        {
            handle.DangerousRelease();
            added = false;
        }
    }
}
