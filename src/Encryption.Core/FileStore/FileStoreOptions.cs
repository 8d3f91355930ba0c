namespace Encryption.Core.FileStore;

/// <summary>Knobs of the file store.</summary>
public sealed record FileStoreOptions
{
    /// <summary>
    /// Full rescan period: the safety net under the file system watcher (which can overflow, or miss changes made
    /// through another mount). Also how fast a deleted or overwritten local document is restored.
    /// </summary>
    public TimeSpan RescanInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Use a FileSystemWatcher (inotify) to rescan as soon as something changes.</summary>
    public bool Watch { get; init; } = true;
}
