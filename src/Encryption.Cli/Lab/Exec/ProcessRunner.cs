using System.Diagnostics;

namespace Encryption.Cli.Lab.Exec;

/// <summary>The outcome of a finished command.</summary>
internal sealed record ProcessResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <exception cref="CommandFailedException">The command exited non-zero.</exception>
    public ProcessResult EnsureSuccess() => Succeeded ? this : throw new CommandFailedException(this);
}

/// <summary>A command exited non-zero; the message carries the command line and what it printed on stderr.</summary>
internal sealed class CommandFailedException(ProcessResult result)
    : Exception($"`{result.CommandLine}` failed (exit {result.ExitCode}): {result.StandardError.Trim()}")
{
    public ProcessResult Result { get; } = result;
}

/// <summary>Runs a program with an argument list (no shell), capturing its output.</summary>
internal static class ProcessRunner
{
    public static async Task<ProcessResult> RunAsync(string program, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        var commandLine = string.Join(' ', start.ArgumentList.Prepend(program));

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new ProcessResult(commandLine, process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }
}
