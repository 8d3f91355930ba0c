namespace Encryption.WireGuard.Model;

/// <summary>A WireGuard device refused or failed an operation. <see cref="Errno"/> is positive (e.g. 22 for EINVAL), 0 if none.</summary>
public class WireGuardException : Exception
{
    public WireGuardException(string message, int errno = 0, Exception? inner = null)
        : base(message, inner) => Errno = errno;

    public WireGuardException() : this("WireGuard operation failed") { }

    public WireGuardException(string message) : this(message, 0) { }

    public WireGuardException(string message, Exception inner) : this(message, 0, inner) { }

    public int Errno { get; }
}

/// <summary>The transport has no device of that name (UAPI: no socket; kernel: ENODEV, or the link is not WireGuard).</summary>
public sealed class WireGuardDeviceNotFoundException : WireGuardException
{
    public WireGuardDeviceNotFoundException(string message, int errno = 0, Exception? inner = null) : base(message, errno, inner) { }

    public WireGuardDeviceNotFoundException() : this("WireGuard device not found") { }

    public WireGuardDeviceNotFoundException(string message) : this(message, 0) { }

    public WireGuardDeviceNotFoundException(string message, Exception inner) : this(message, 0, inner) { }
}
