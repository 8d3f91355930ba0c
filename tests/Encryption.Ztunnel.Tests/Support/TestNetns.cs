using Encryption.Ztunnel.Enrollment;

namespace Encryption.Ztunnel.Tests.Support;

/// <summary>A real, named network namespace (/run/netns/NAME) with lo up; deleted on dispose, even after a failure.</summary>
public sealed class TestNetns : IDisposable
{
    private TestNetns(string name) => Name = name;

    public string Name { get; }

    public string Path => "/run/netns/" + Name;

    /// <summary>Fails (never skips) when not root or when iproute2 is missing: CI runs as root with iproute2.</summary>
    public static TestNetns Create()
    {
        var name = "zt-" + Guid.NewGuid().ToString("N")[..10];
        Run("ip", "netns", "add", name);
        var netns = new TestNetns(name);
        try
        {
            Run("ip", "-n", name, "link", "set", "lo", "up");
        }
        catch
        {
            netns.Dispose();
            throw;
        }

        return netns;
    }

    /// <summary>Runs a command inside the namespace; returns its exit code and output.</summary>
    public CommandResult Exec(params string[] command) =>
        CommandRunner.RunAsync("nsenter", [$"--net={Path}", .. command], null, CancellationToken.None).GetAwaiter().GetResult();

    public static string Run(string file, params string[] args)
    {
        var result = CommandRunner.RunAsync(file, args, null, CancellationToken.None).GetAwaiter().GetResult();
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({result.ExitCode}): {result.StandardError} (these tests need root and iproute2)");
        return result.StandardOutput;
    }

    /// <summary>Same as: <c>stat -L -c %i PATH</c>.</summary>
    public static string Inode(string path) => Run("stat", "-L", "-c", "%i", path).Trim();

    public void Dispose() => CommandRunner.RunAsync("ip", ["netns", "del", Name], null, CancellationToken.None).GetAwaiter().GetResult();
}
