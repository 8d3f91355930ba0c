using System.Diagnostics;
using System.Text;

namespace Encryption.WireGuard.Tests.Support;

/// <summary>A tcpdump on the underlay bridge (IPv4/IPv6 only; neighbour discovery and IPv6 multicast such as MLD reports excluded), stopped on dispose.</summary>
internal sealed class UnderlayCapture : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder lines = new();
    private readonly TaskCompletionSource listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public UnderlayCapture(string ns, string device)
    {
        var psi = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "netns", "exec", ns, "tcpdump", "-i", device, "-nn", "-l", "-U", "(ip or ip6) and not icmp6 and not ip6 multicast" })
            psi.ArgumentList.Add(a);
        process = Process.Start(psi)!;
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
        if (!listening.Task.Wait(TimeSpan.FromSeconds(10)))
            throw new InvalidOperationException("tcpdump did not start listening");
    }

    /// <summary>Stops the capture and returns one line per packet.</summary>
    public IReadOnlyList<string> Stop()
    {
        if (!process.HasExited)
        {
            Processes.TryRun(null, null, "kill", "-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            // The parameterless wait also drains the output events still queued, so no captured line is lost.
            if (process.WaitForExit(30_000))
                process.WaitForExit();
        }

        lock (lines)
            return [.. lines.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }

    public void Dispose()
    {
        if (!process.HasExited)
            process.Kill();
        process.Dispose();
    }
}
