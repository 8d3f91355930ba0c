using Microsoft.Extensions.Logging;

namespace Encryption.Core.FileStore;

/// <summary>File store log messages (event ids 1200-1299).</summary>
internal static partial class FileStoreLog
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Warning, Message = "Skipping cluster store document {Path}: {Reason}")]
    public static partial void InvalidDocument(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Cluster store document {Path} is valid again")]
    public static partial void DocumentRecovered(ILogger logger, string path);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "Cluster store {Directory}: listed {Nodes} nodes, {Namespaces} namespaces, {Pods} pods")]
    public static partial void Listed(ILogger logger, string directory, int nodes, int namespaces, int pods);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Debug, Message = "Cluster store: {Kind} {Name} {Verb}")]
    public static partial void Changed(ILogger logger, string kind, string name, string verb);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Information, Message = "Published local node {Node} to {Path}")]
    public static partial void Published(ILogger logger, string node, string path);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Warning, Message = "Local node document {Path} was removed or changed by someone else; restoring it")]
    public static partial void Restoring(ILogger logger, string path);

    [LoggerMessage(EventId = 1206, Level = LogLevel.Warning, Message = "Cannot watch {Directory} ({Error}); relying on the periodic rescan")]
    public static partial void WatchUnavailable(ILogger logger, string directory, string error);

    [LoggerMessage(EventId = 1207, Level = LogLevel.Warning, Message = "Cluster store rescan of {Directory} failed: {Error}")]
    public static partial void RescanFailed(ILogger logger, string directory, string error);
}
