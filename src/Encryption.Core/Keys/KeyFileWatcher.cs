using System.Runtime.CompilerServices;
using Encryption.Core.Threading;
using Microsoft.Extensions.Logging;

namespace Encryption.Core.Keys;

/// <summary>
/// Follows a key file (the IPsec key file, a mounted Secret): yields its content now and again whenever it changes.
/// Change means a different content hash, checked every poll interval on the <see cref="TimeProvider"/> and at once
/// when a FileSystemWatcher on the file's directory reports anything (Kubernetes swaps a Secret volume's
/// <c>..data</c> link, so the directory is watched, not the file). A missing file is a snapshot with
/// <see cref="KeyFileSnapshot.Exists"/> false; an unreadable one is logged and retried.
/// </summary>
/// <param name="path">The key file (e.g. <c>/etc/ipsec/keys</c>).</param>
/// <param name="time">Clock for the poll interval.</param>
/// <param name="logger">Logs changes and read errors, never content.</param>
/// <param name="pollInterval">How often the content hash is compared; <see cref="DefaultPollInterval"/> when null.</param>
/// <param name="watch">False: poll only (no FileSystemWatcher), e.g. on file systems without inotify.</param>
public sealed class KeyFileWatcher(string path, TimeProvider time, ILogger logger, TimeSpan? pollInterval = null, bool watch = true)
{
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(5);

    private readonly WakeSignal _wake = new();

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public TimeSpan PollInterval { get; } = pollInterval ?? DefaultPollInterval;

    /// <summary>Reads the file once.</summary>
    public async Task<KeyFileSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var content = await File.ReadAllBytesAsync(Path, cancellationToken).ConfigureAwait(false);
            return new KeyFileSnapshot(Path, content, time.GetUtcNow());
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return new KeyFileSnapshot(Path, null, time.GetUtcNow());
        }
    }

    /// <summary>The current snapshot, then one per change, until cancelled.</summary>
    public async IAsyncEnumerable<KeyFileSnapshot> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var watcher = watch ? StartWatcher() : null;
        KeyFileSnapshot? last = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            var wake = _wake.Arm();
            var current = await TryReadAsync(cancellationToken).ConfigureAwait(false);
            if (current is not null && !current.Equals(last))
            {
                if (last is not null || !current.Exists)
                    Report(current);
                last = current;
                yield return current;
            }

            try
            {
                await WakeSignal.WaitAsync(wake, PollInterval, time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                yield break;
            }
        }
    }

    /// <summary>Checks now (what the watcher does); for callers that know the file changed.</summary>
    public void Nudge() => _wake.Signal();

    private async Task<KeyFileSnapshot?> TryReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            KeyFileWatcherLog.Unreadable(logger, Path, e.Message);
            return null;
        }
    }

    private void Report(KeyFileSnapshot snapshot)
    {
        if (snapshot.Exists)
            KeyFileWatcherLog.Changed(logger, Path, snapshot.Content.Length);
        else
            KeyFileWatcherLog.Missing(logger, Path);
    }

    private FileSystemWatcher? StartWatcher()
    {
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        try
        {
            var watcher = new FileSystemWatcher(directory)
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            watcher.Created += (_, _) => Nudge();
            watcher.Changed += (_, _) => Nudge();
            watcher.Deleted += (_, _) => Nudge();
            watcher.Renamed += (_, _) => Nudge();
            watcher.Error += (_, _) => Nudge();
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException or UnauthorizedAccessException)
        {
            KeyFileWatcherLog.WatchUnavailable(logger, directory, e.Message);
            return null;
        }
    }
}
