using Microsoft.Extensions.Logging;

namespace Encryption.Core.Keys;

/// <summary>Key file watcher log messages (event ids 1300-1399). Never the content, never its hash.</summary>
internal static partial class KeyFileWatcherLog
{
    [LoggerMessage(EventId = 1300, Level = LogLevel.Information, Message = "Key file {Path} changed ({Length} bytes)")]
    public static partial void Changed(ILogger logger, string path, int length);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "Key file {Path} is missing")]
    public static partial void Missing(ILogger logger, string path);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "Cannot read key file {Path}: {Error}")]
    public static partial void Unreadable(ILogger logger, string path, string error);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Warning, Message = "Cannot watch {Directory} ({Error}); polling only")]
    public static partial void WatchUnavailable(ILogger logger, string directory, string error);
}
