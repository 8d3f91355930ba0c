using Microsoft.Extensions.Logging;

namespace Encryption.Kubernetes.Informers;

/// <summary>Log events of the list/watch loop (ids 4120-4139).</summary>
internal static partial class InformerLog
{
    [LoggerMessage(EventId = 4120, Level = LogLevel.Debug, Message = "Listed {Count} {Resource} at resource version {ResourceVersion}")]
    public static partial void Listed(ILogger logger, int count, string resource, string resourceVersion);

    [LoggerMessage(EventId = 4121, Level = LogLevel.Debug, Message = "Watching {Resource} from resource version {ResourceVersion}")]
    public static partial void Watching(ILogger logger, string resource, string resourceVersion);

    [LoggerMessage(EventId = 4122, Level = LogLevel.Debug, Message = "Watch of {Resource} ended after {Events} events at resource version {ResourceVersion}")]
    public static partial void WatchEnded(ILogger logger, string resource, int events, string resourceVersion);

    [LoggerMessage(EventId = 4123, Level = LogLevel.Information, Message = "Resource version {ResourceVersion} of {Resource} is too old (410 Gone); listing again")]
    public static partial void Gone(ILogger logger, string resource, string resourceVersion);

    [LoggerMessage(EventId = 4124, Level = LogLevel.Warning, Message = "Watch of {Resource} failed; retrying from resource version {ResourceVersion} in {Delay}")]
    public static partial void WatchFailed(ILogger logger, Exception exception, string resource, string resourceVersion, TimeSpan delay);

    [LoggerMessage(EventId = 4125, Level = LogLevel.Warning, Message = "List of {Resource} failed; retrying in {Delay}")]
    public static partial void ListFailed(ILogger logger, Exception exception, string resource, TimeSpan delay);

    [LoggerMessage(EventId = 4126, Level = LogLevel.Error, Message = "{Message} Retrying in {Delay}")]
    public static partial void Forbidden(ILogger logger, string message, TimeSpan delay);
}
