using System.Diagnostics;

namespace Xfrm.Tests.Support;

/// <summary>Runs a command to completion and returns its exit code with stdout and stderr together.</summary>
internal static class Processes
{
    public static (int ExitCode, string Output) Run(string file, IEnumerable<string> arguments, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish in time");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>Runs and asserts success, returning stdout+stderr.</summary>
    public static string Check(string file, params string[] arguments)
    {
        var (code, output) = Run(file, arguments);
        Assert.True(code == 0, $"{file} {string.Join(' ', arguments)} exited {code}:\n{output}");
        return output;
    }
}

/// <summary>A temporary directory removed on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "xfrm-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
