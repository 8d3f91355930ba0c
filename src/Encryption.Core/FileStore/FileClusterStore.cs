using System.Collections.Immutable;
using Encryption.Core.Cluster;
using Encryption.Core.IO;
using Encryption.Core.Threading;
using Microsoft.Extensions.Logging;

namespace Encryption.Core.FileStore;

/// <summary>
/// The file-based cluster source (the lab, the embedded default): a directory of JSON documents laid out as
/// <see cref="FileStoreLayout"/> says, shared by every agent. Changes are seen through a FileSystemWatcher plus a
/// periodic rescan; each agent writes only its own node document, atomically, and restores it if it disappears.
/// A torn or invalid document is logged with its file name and reason, listed in <see cref="Problems"/>, and
/// skipped; its last valid version and every other document stay in the view.
/// </summary>
public sealed class FileClusterStore : IClusterSource, IDisposable
{
    private readonly FileStoreLayout _layout;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly FileStoreOptions _options;
    private readonly FileStoreIndex _index;
    private readonly ClusterChangeBroadcaster _changes = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly WakeSignal _wake = new();
    private Snapshot _snapshot = new(ClusterView.Empty, []);
    private (string Path, byte[] Content)? _published;

    public FileClusterStore(string directory, TimeProvider time, ILogger logger, FileStoreOptions? options = null)
    {
        _layout = new FileStoreLayout(Path.GetFullPath(directory));
        _time = time;
        _logger = logger;
        _options = options ?? new FileStoreOptions();
        _index = new FileStoreIndex(_layout);
    }

    public FileStoreLayout Layout => _layout;

    public ClusterView Current => Volatile.Read(ref _snapshot).View;

    /// <summary>Documents skipped as torn or invalid, by path.</summary>
    public ImmutableArray<FileStoreProblem> Problems => Volatile.Read(ref _snapshot).Problems;

    public IAsyncEnumerable<ClusterChange> Changes(CancellationToken cancellationToken) => _changes.Subscribe(cancellationToken);

    /// <summary>Lists the directory (then signals <see cref="ClusterChange.Resynced"/>) and follows it until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_layout.Root);
        using var watcher = _options.Watch ? StartWatcher() : null;
        var listed = false;
        try
        {
            while (true)
            {
                var wake = _wake.Arm();
                await RescanSafelyAsync(publish: listed, cancellationToken).ConfigureAwait(false);
                if (!listed)
                {
                    listed = true;
                    var view = Current;
                    FileStoreLog.Listed(_logger, _layout.Root, view.Nodes.Count, view.Namespaces.Count, view.Pods.Count);
                    _changes.MarkListed();
                }

                await WakeSignal.WaitAsync(wake, _options.RescanInterval, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Reads every document now and applies what changed (what the watcher and the timer trigger).</summary>
    public Task RescanAsync(CancellationToken cancellationToken) => RescanAsync(publish: true, cancellationToken);

    /// <summary>The initial list does not publish per-object changes: the Resynced that follows it stands for them.</summary>
    private async Task RescanAsync(bool publish, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var files = ReadAll();
            if (_published is { } published && (!files.TryGetValue(published.Path, out var onDisk) || !onDisk.AsSpan().SequenceEqual(published.Content)))
            {
                FileStoreLog.Restoring(_logger, published.Path);
                await AtomicFile.WriteAsync(published.Path, published.Content, AtomicFile.Shared, cancellationToken).ConfigureAwait(false);
                files[published.Path] = published.Content;
            }

            Commit(_index.ApplyScan(files, _time.GetUtcNow()), publish);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Writes this agent's node document (atomically, only when its content changes) and keeps it current: the
    /// rescan restores it if it is deleted or overwritten.
    /// </summary>
    public async Task PublishLocalNodeAsync(Node local, CancellationToken cancellationToken)
    {
        if (local.Name.Length == 0 || local.Name.Contains('/', StringComparison.Ordinal) || local.Name.StartsWith('.'))
            throw new ArgumentException($"node name '{local.Name}' cannot name a file in the store", nameof(local));
        var path = _layout.NodePath(local.Name);
        var content = FileStoreJson.Encode(NodeDocument.From(local));

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _published = (path, content);
            if (!SameContent(path, content))
            {
                await AtomicFile.WriteAsync(path, content, AtomicFile.Shared, cancellationToken).ConfigureAwait(false);
                FileStoreLog.Published(_logger, local.Name, path);
            }

            Commit(_index.ApplyFile(path, content, _time.GetUtcNow()));
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task RescanSafelyAsync(bool publish, CancellationToken cancellationToken)
    {
        try
        {
            await RescanAsync(publish, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            FileStoreLog.RescanFailed(_logger, _layout.Root, e.Message);
        }
    }

    private void Commit(IndexUpdate update, bool publish = true)
    {
        Volatile.Write(ref _snapshot, new Snapshot(_index.View, _index.Problems));
        foreach (var problem in update.NewProblems)
            FileStoreLog.InvalidDocument(_logger, problem.Path, problem.Reason);
        foreach (var path in update.Resolved)
            FileStoreLog.DocumentRecovered(_logger, path);
        foreach (var change in update.Changes)
            LogChange(change);

        if (publish)
            _changes.Publish(update.Changes);
    }

    private Dictionary<string, byte[]> ReadAll()
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var directory in new[] { _layout.Root, _layout.NamespacesDirectory, _layout.PodsDirectory })
        {
            if (!Directory.Exists(directory))
                continue;
            foreach (var file in Directory.EnumerateFiles(directory, "*" + FileStoreLayout.Extension))
            {
                if (_layout.KindOf(file) is null)
                    continue;
                try
                {
                    files[file] = ReadBounded(file);
                }
                catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
                {
                    // Deleted between listing and reading: absent.
                }
            }
        }

        return files;
    }

    /// <summary>Reads at most one byte more than a document may have, so a huge file costs little and still fails the size check.</summary>
    private static byte[] ReadBounded(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var buffer = new byte[Math.Min(stream.Length, FileStoreJson.MaxDocumentBytes + 1)];
        stream.ReadExactly(buffer);
        return buffer;
    }

    private static bool SameContent(string path, byte[] content)
    {
        try
        {
            return File.ReadAllBytes(path).AsSpan().SequenceEqual(content);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private FileSystemWatcher? StartWatcher()
    {
        try
        {
            var watcher = new FileSystemWatcher(_layout.Root)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            watcher.Created += (_, _) => _wake.Signal();
            watcher.Changed += (_, _) => _wake.Signal();
            watcher.Deleted += (_, _) => _wake.Signal();
            watcher.Renamed += (_, _) => _wake.Signal();
            watcher.Error += (_, _) => _wake.Signal();
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException or UnauthorizedAccessException)
        {
            FileStoreLog.WatchUnavailable(_logger, _layout.Root, e.Message);
            return null;
        }
    }

    private void LogChange(ClusterChange change)
    {
        switch (change)
        {
            case ClusterChange.NodeChanged { New: { } n, Old: var o }:
                FileStoreLog.Changed(_logger, "node", n.Name, o is null ? "added" : "updated");
                break;
            case ClusterChange.NodeChanged { Old: { } o }:
                FileStoreLog.Changed(_logger, "node", o.Name, "removed");
                break;
            case ClusterChange.NamespaceChanged { New: { } n, Old: var o }:
                FileStoreLog.Changed(_logger, "namespace", n.Name, o is null ? "added" : "updated");
                break;
            case ClusterChange.NamespaceChanged { Old: { } o }:
                FileStoreLog.Changed(_logger, "namespace", o.Name, "removed");
                break;
            case ClusterChange.PodChanged { New: { } n, Old: var o }:
                FileStoreLog.Changed(_logger, "pod", n.Name, o is null ? "added" : "updated");
                break;
            case ClusterChange.PodChanged { Old: { } o }:
                FileStoreLog.Changed(_logger, "pod", o.Name, "removed");
                break;
        }
    }

    private sealed record Snapshot(ClusterView View, ImmutableArray<FileStoreProblem> Problems);

}
