namespace Encryption.Cli.Lab.Exec;

/// <summary>Finds processes by a fragment of their command line (/proc/PID/cmdline) or an environment entry, skipping this process.</summary>
internal static class ProcessScan
{
    public static IReadOnlyList<int> WithCommandLineContaining(string fragment) =>
        Matching("cmdline", content => content.Replace('\0', ' ').Contains(fragment, StringComparison.Ordinal));

    /// <summary>Processes whose /proc/PID/environ holds exactly <paramref name="entry"/> (<c>NAME=value</c>).</summary>
    public static IReadOnlyList<int> WithEnvironmentEntry(string entry) =>
        Matching("environ", content => content.Split('\0').Contains(entry, StringComparer.Ordinal));

    private static List<int> Matching(string file, Func<string, bool> predicate)
    {
        var self = Environment.ProcessId;
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || pid == self)
                continue;
            try
            {
                if (predicate(File.ReadAllText(Path.Combine(directory, file))))
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
