using System.Runtime.InteropServices;

namespace Encryption.Core.IO;

/// <summary>fsync(2) of a directory, which .NET cannot open as a stream: makes a rename in it durable. Best effort.</summary>
internal static partial class DirectorySync
{
    private const int ReadOnly = 0; // O_RDONLY opens a directory too

    public static void TryFsync(string directory)
    {
        if (!OperatingSystem.IsLinux())
            return;
        var fd = Open(directory, ReadOnly);
        if (fd < 0)
            return;
        _ = Fsync(fd);
        _ = Close(fd);
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync")]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
