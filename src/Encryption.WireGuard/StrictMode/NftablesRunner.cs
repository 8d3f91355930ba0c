using System.Diagnostics;

namespace Encryption.WireGuard.StrictMode;

/// <summary>Feeds a ruleset to <c>nft -f -</c> (inside a network namespace with <c>ip netns exec</c> when given).</summary>
public sealed class NftablesRunner(string? networkNamespace = null, string executable = "nft")
{
    /// <summary>Same as: <c>nft -f - &lt;&lt;&lt; RULESET</c>. Throws with nft's message on failure.</summary>
    public void Apply(string ruleset) => Run(ruleset, "-f", "-");

    /// <summary>Same as: <c>nft list table inet NAME</c>; null when the table does not exist.</summary>
    public string? ListTable(string table)
    {
        var (code, stdout, _) = TryRun(null, "list", "table", "inet", table);
        return code == 0 ? stdout : null;
    }

    private void Run(string? stdin, params string[] arguments)
    {
        var (code, stdout, stderr) = TryRun(stdin, arguments);
        if (code != 0)
            throw new InvalidOperationException($"nft {string.Join(' ', arguments)} exited {code}: {stderr.Trim()} {stdout.Trim()}");
    }

    private (int Code, string Stdout, string Stderr) TryRun(string? stdin, params string[] arguments)
    {
        var command = new List<string>();
        if (networkNamespace is not null)
            command.AddRange(["ip", "netns", "exec", networkNamespace]);
        command.Add(executable);
        command.AddRange(arguments);
        var psi = new ProcessStartInfo(command[0])
        {
            RedirectStandardInput = stdin is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in command.Skip(1))
            psi.ArgumentList.Add(a);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {command[0]}");
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }

        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr);
    }
}
