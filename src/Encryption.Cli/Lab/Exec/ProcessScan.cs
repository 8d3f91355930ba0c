namespace Encryption.Cli.Lab.Exec;

/// <summary>Finds processes by a fragment of their command line (/proc/PID/cmdline), skipping this process.</summary>
internal static class ProcessScan
{
    public static IReadOnlyList<int> WithCommandLineContaining(string fragment)
    {
        var self = Environment.ProcessId;
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || pid == self)
                continue;
            try
            {
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                if (commandLine.Contains(fragment, StringComparison.Ordinal))
                    found.Add(pid);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return found;
    }
}
