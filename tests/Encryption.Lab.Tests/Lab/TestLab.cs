using System.Diagnostics;
using System.Text.Json;

namespace Encryption.Lab.Tests.Lab;

/// <summary>
/// One lab for one test: a unique name (so parallel runs and other agents' namespaces never collide), its own state
/// root, and a <see cref="DisposeAsync"/> that runs <c>lab down</c> whatever happened.
/// </summary>
internal sealed class TestLab : IAsyncDisposable
{
    public TestLab()
    {
        Name = "t" + Guid.NewGuid().ToString("N")[..8];
        StateRoot = Path.Combine("/run/encryption-lab-tests", Name);
    }

    public string Name { get; }

    public string StateRoot { get; }

    public string StateDirectory => Path.Combine(StateRoot, Name);

    public string StateFile => Path.Combine(StateDirectory, "state.json");

    public string NamespacePrefix => $"enclab-{Name}-";

    public Task<CliResult> RunAsync(string command, params string[] arguments) =>
        Cli.RunAsync(["lab", command, "--name", Name, "--state-dir", StateRoot, .. arguments]);

    public Task<CliResult> RunWithEnvironmentAsync(IReadOnlyDictionary<string, string> environment, string command, params string[] arguments) =>
        Cli.RunWithEnvironmentAsync(environment, ["lab", command, "--name", Name, "--state-dir", StateRoot, .. arguments]);

    /// <summary>The agents' pids, from the lab's state file.</summary>
    public IReadOnlyList<int> AgentPids()
    {
        using var state = JsonDocument.Parse(File.ReadAllText(StateFile));
        return [.. state.RootElement.GetProperty("agents").EnumerateArray().Select(a => a.GetProperty("pid").GetInt32())];
    }

    public static IReadOnlyList<string> Namespaces()
    {
        var list = Process.Start(new ProcessStartInfo("ip", "netns list") { RedirectStandardOutput = true })!;
        var output = list.StandardOutput.ReadToEnd();
        list.WaitForExit();
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0])];
    }

    /// <summary>Processes whose command line mentions this lab's state directory (its agents, its tcpdump).</summary>
    public IReadOnlyList<int> Processes()
    {
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || pid == Environment.ProcessId)
                continue;
            try
            {
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                var state = File.ReadAllText(Path.Combine(directory, "stat"));
                var zombie = state[(state.LastIndexOf(')') + 2)..].StartsWith('Z');
                if (!zombie && commandLine.Contains(StateDirectory, StringComparison.Ordinal))
                    found.Add(pid);
            }
            catch (IOException)
            {
            }
        }

        return found;
    }

    /// <summary>Asserts nothing of this lab is left: no namespace, no process, no state directory.</summary>
    public void AssertNothingLeft()
    {
        Assert.DoesNotContain(Namespaces(), ns => ns.StartsWith(NamespacePrefix, StringComparison.Ordinal));
        Assert.Empty(Processes());
        Assert.False(Directory.Exists(StateDirectory), $"{StateDirectory} still exists");
    }

    public async ValueTask DisposeAsync()
    {
        await RunAsync("down");
        if (Directory.Exists(StateRoot))
            Directory.Delete(StateRoot, recursive: true);
        var parent = Path.GetDirectoryName(StateRoot)!;
        if (Directory.Exists(parent) && !Directory.EnumerateFileSystemEntries(parent).Any())
            Directory.Delete(parent);
    }
}
