using System.Diagnostics;

namespace Encryption.WireGuard.Tests.Support;

/// <summary>Runs host tools (ip, wg, nft, gcc) for tests; a failure throws with stderr.</summary>
internal static class Processes
{
    public static string Run(params string[] command) => RunWithInput(null, null, command);

    public static string RunWithInput(string? stdin, IReadOnlyDictionary<string, string>? environment, params string[] command)
    {
        var (code, stdout, stderr) = TryRun(stdin, environment, command);
        if (code != 0)
            throw new InvalidOperationException($"{string.Join(' ', command)} exited {code}: {stderr}{stdout}");
        return stdout;
    }

    public static (int Code, string Stdout, string Stderr) TryRun(string? stdin, IReadOnlyDictionary<string, string>? environment, params string[] command)
    {
        var psi = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
        };
        foreach (var a in command[1..])
            psi.ArgumentList.Add(a);
        if (environment is not null)
        {
            foreach (var (k, v) in environment)
                psi.Environment[k] = v;
        }

        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {command[0]}");
        if (stdin is not null)
        {
            p.StandardInput.Write(stdin);
            p.StandardInput.Close();
        }

        var stdoutTask = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdoutTask.Result, stderr);
    }

    /// <summary>Fails (never skips) when a host-tier prerequisite is missing.</summary>
    public static void Require(string tool)
    {
        var found = Environment.GetEnvironmentVariable("PATH")!.Split(':').Any(d => File.Exists(Path.Combine(d, tool)));
        if (!found)
            throw new InvalidOperationException($"host-tier tests need '{tool}' on PATH (.ci/run installs it)");
    }

    public static void RequireRoot()
    {
        if (Environment.UserName != "root")
            throw new InvalidOperationException("host-tier tests need root (network namespaces, TUN devices, nftables); run scripts/test.sh as root");
    }
}
