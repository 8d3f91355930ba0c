using Encryption.Cli.Interop;
using System.Diagnostics;

namespace Encryption.Cli.Lab.Verify;

/// <summary>
/// tcpdump on the underlay bridge, inside the underlay namespace, writing a pcap file. The bridge is put in
/// promiscuous mode by tcpdump, so it sees every frame forwarded between the nodes, not only its own.
/// Same as: <c>ip netns exec UL tcpdump -i br0 -nn -U --immediate-mode -w FILE</c>.
/// </summary>
internal sealed class UnderlayCapture : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan MaxSettle = TimeSpan.FromSeconds(3);

    private readonly Process process;
    private readonly TimeProvider time;
    private readonly StringWriterSink stderr;

    private UnderlayCapture(Process process, TimeProvider time, StringWriterSink stderr, string file)
    {
        this.process = process;
        this.time = time;
        this.stderr = stderr;
        File = file;
    }

    public string File { get; }

    public static async Task<UnderlayCapture> StartAsync(string networkNamespace, string device, string file, TimeProvider time, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("ip")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["netns", "exec", networkNamespace, "tcpdump", "-i", device, "-nn", "-U", "--immediate-mode", "-w", file])
            start.ArgumentList.Add(argument);

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start tcpdump");
        var stderr = new StringWriterSink();
        process.ErrorDataReceived += (_, e) => stderr.Add(e.Data);
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var capture = new UnderlayCapture(process, time, stderr, file);
        try
        {
            using var deadline = new CancellationTokenSource(StartTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            await stderr.WaitForAsync("listening on", linked.Token).ConfigureAwait(false);
            return capture;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await capture.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"tcpdump did not start listening on {device} in {networkNamespace}: {stderr.Text.Trim()}");
        }
        catch
        {
            await capture.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Waits until the file stops growing (the last packets are written), then stops tcpdump with SIGINT.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var lastSize = -1L;
        var lastChange = time.GetTimestamp();
        while (time.GetElapsedTime(started) < MaxSettle)
        {
            var size = new FileInfo(File).Length;
            if (size != lastSize)
            {
                lastSize = size;
                lastChange = time.GetTimestamp();
            }
            else if (time.GetElapsedTime(lastChange) >= QuietPeriod)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), time, cancellationToken).ConfigureAwait(false);
        }

        if (!process.HasExited)
            Signals.Send(process.Id, Signals.SIGINT);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync().ConfigureAwait(false);
        }

        process.Dispose();
    }

    /// <summary>Collects tcpdump's stderr lines and lets a caller wait for one containing some text.</summary>
    private sealed class StringWriterSink
    {
        private readonly Lock gate = new();
        private readonly System.Text.StringBuilder text = new();
        private readonly List<(string Needle, TaskCompletionSource Seen)> waiters = [];

        public string Text
        {
            get
            {
                lock (gate)
                    return text.ToString();
            }
        }

        public void Add(string? line)
        {
            if (line is null)
                return;
            lock (gate)
            {
                text.AppendLine(line);
                foreach (var (needle, seen) in waiters.Where(w => line.Contains(w.Needle, StringComparison.Ordinal)))
                    seen.TrySetResult();
            }
        }

        public async Task WaitForAsync(string needle, CancellationToken cancellationToken)
        {
            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (gate)
            {
                if (text.ToString().Contains(needle, StringComparison.Ordinal))
                    return;
                waiters.Add((needle, seen));
            }

            await seen.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
