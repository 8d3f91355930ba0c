using System.Diagnostics;

namespace Encryption.Ztunnel.Enrollment;

public sealed record CommandResult(int ExitCode, string StandardOutput, string StandardError);

/// <summary>A command that failed, named with its arguments and what it printed on stderr.</summary>
public sealed class CommandFailedException(string command, CommandResult result)
    : Exception($"{command} exited with {result.ExitCode}: {result.StandardError.Trim()}")
{
    public CommandResult Result { get; } = result;
}

/// <summary>Runs a program with text on stdin and collects its output.</summary>
public static class CommandRunner
{
    public static async Task<CommandResult> RunAsync(string fileName, IEnumerable<string> arguments, string? standardInput, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {fileName}");
        if (standardInput is not null)
            await process.StandardInput.WriteAsync(standardInput.AsMemory(), cancellationToken).ConfigureAwait(false);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return new CommandResult(process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
    }
}
