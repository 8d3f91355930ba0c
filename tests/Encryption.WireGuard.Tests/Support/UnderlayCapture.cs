using System.Diagnostics;
using System.Text;

namespace Encryption.WireGuard.Tests.Support;

/// <summary>
/// A tcpdump on a lab's underlay bridge, one text line per packet, stopped on dispose. The default filter keeps IPv4 and
/// IPv6 without neighbour discovery and IPv6 multicast such as MLD reports. Also compiled into Encryption.Lab.Tests.
/// </summary>
internal sealed class UnderlayCapture : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder lines = new();
    private readonly TaskCompletionSource listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public const string DefaultFilter = "(ip or ip6) and not icmp6 and not ip6 multicast";

    /// <param name="ns">The network namespace holding the bridge.</param>
    /// <param name="device">The bridge.</param>
    /// <param name="filter">tcpdump's filter expression.</param>
    /// <param name="listenTimeout">How long tcpdump may take to start (default 10 s; a UML guest needs more).</param>
    public UnderlayCapture(string ns, string device, string filter = DefaultFilter, TimeSpan? listenTimeout = null)
    {
        var psi = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "netns", "exec", ns, "tcpdump", "-i", device, "-nn", "-l", "-U", filter })
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
        if (!listening.Task.Wait(listenTimeout ?? TimeSpan.FromSeconds(10)))
            throw new InvalidOperationException("tcpdump did not start listening");
    }

    /// <summary>Stops the capture and returns one line per packet.</summary>
    public IReadOnlyList<string> Stop()
    {
        if (!process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                kill.WaitForExit();
            // The parameterless wait also drains the output events still queued, so no captured line is lost.
            if (process.WaitForExit(60_000))
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
