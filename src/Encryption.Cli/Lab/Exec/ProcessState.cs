using Encryption.Cli.Interop;

namespace Encryption.Cli.Lab.Exec;

/// <summary>Whether a process is still running (a zombie waiting to be reaped counts as gone).</summary>
internal static class ProcessState
{
    public static bool IsRunning(int pid)
    {
        if (!Signals.IsAlive(pid))
            return false;
        try
        {
            // /proc/PID/stat: "pid (comm) S ..."; the state follows the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].FirstOrDefault();
            return state is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }
}
