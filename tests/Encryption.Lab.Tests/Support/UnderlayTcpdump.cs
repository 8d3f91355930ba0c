using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Encryption.Lab.Tests.Support;

/// <summary>
/// tcpdump on a lab's underlay bridge (IPv4 only), one text line per packet, for tests that need to watch the wire
/// across several steps (<c>lab verify</c> captures only its own probes).
/// </summary>
internal sealed partial class UnderlayTcpdump : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder lines = new();
    private readonly TaskCompletionSource listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public UnderlayTcpdump(string underlayNamespace, string device = "br0")
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["netns", "exec", underlayNamespace, "tcpdump", "-i", device, "-nn", "-l", "-U", "ip"])
            start.ArgumentList.Add(argument);
        process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (lines)
                    lines.AppendLine(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("listening on", StringComparison.Ordinal) == true)
                listening.TrySetResult();
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!listening.Task.Wait(TimeSpan.FromMinutes(2)))
            throw new InvalidOperationException("tcpdump did not start listening");
    }

    /// <summary>Stops the capture (SIGINT, then drains what tcpdump still prints) and returns one line per packet.</summary>
    public IReadOnlyList<string> Stop()
    {
        if (!process.HasExited)
        {
            Encryption.Cli.Interop.Signals.Send(process.Id, Encryption.Cli.Interop.Signals.SIGINT);
            if (process.WaitForExit(60_000))
                process.WaitForExit();
        }

        lock (lines)
            return [.. lines.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }

    /// <summary>Packets whose outer header is between pod addresses (10.x): pod traffic in the clear.</summary>
    public static IReadOnlyList<string> Plaintext(IEnumerable<string> packets) => [.. packets.Where(p => PodToPod().IsMatch(p))];

    /// <summary>ESP between two lab nodes: <c>IP 192.168.100.1 &gt; 192.168.100.2: ESP(spi=0x...,seq=0x...), length N</c>.</summary>
    public static IReadOnlyList<string> Esp(IEnumerable<string> packets) => [.. packets.Where(p => NodeEsp().IsMatch(p))];

    public void Dispose()
    {
        if (!process.HasExited)
            process.Kill();
        process.Dispose();
    }

    [GeneratedRegex(@" IP 10\.\d+\.\d+\.\d+(\.\d+)? > 10\.\d+\.\d+\.\d+(\.\d+)?: ")]
    private static partial Regex PodToPod();

    [GeneratedRegex(@" IP 192\.168\.100\.\d+ > 192\.168\.100\.\d+: ESP\(spi=0x[0-9a-f]+,seq=0x[0-9a-f]+\)")]
    private static partial Regex NodeEsp();
}
