using System.Runtime.InteropServices;

namespace Encryption.Cli.Interop;

/// <summary>Sending signals to processes (libc <c>kill(2)</c>); .NET only offers SIGKILL.</summary>
internal static partial class Signals
{
    public const int SIGINT = 2;
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;
    private const int ESRCH = 3;

    /// <summary>Sends <paramref name="signal"/>; false when the process no longer exists.</summary>
    public static bool Send(int pid, int signal)
    {
        if (kill(pid, signal) == 0)
            return true;
        var errno = Marshal.GetLastPInvokeError();
        return errno == ESRCH ? false : throw new IOException($"kill({pid}, {signal}) failed: errno {errno}");
    }

    public static bool IsAlive(int pid) => kill(pid, 0) == 0 || Marshal.GetLastPInvokeError() != ESRCH;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);
}
