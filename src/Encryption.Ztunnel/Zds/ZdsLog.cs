using Microsoft.Extensions.Logging;

namespace Encryption.Ztunnel.Zds;

internal static partial class ZdsLog
{
    [LoggerMessage(EventId = 6400, Level = LogLevel.Information, Message = "ZDS listening on {Path}")]
    public static partial void Listening(ILogger logger, string path);

    [LoggerMessage(EventId = 6401, Level = LogLevel.Information, Message = "ztunnel connected over ZDS (connection {Id}, hello version {Version})")]
    public static partial void Connected(ILogger logger, long id, int version);

    [LoggerMessage(EventId = 6402, Level = LogLevel.Information, Message = "ZDS connection {Id}: snapshot of {Count} workloads acknowledged")]
    public static partial void SnapshotAcked(ILogger logger, long id, int count);

    [LoggerMessage(EventId = 6403, Level = LogLevel.Information, Message = "ZDS connection {Id} closed: {Reason}")]
    public static partial void Closed(ILogger logger, long id, string reason);

    [LoggerMessage(EventId = 6404, Level = LogLevel.Warning, Message = "ZDS connection {Id}: ztunnel could not start the proxy of {Uid}: {Error} (ztunnel retries by itself)")]
    public static partial void ProxyStartFailed(ILogger logger, long id, string uid, string error);

    [LoggerMessage(EventId = 6405, Level = LogLevel.Warning, Message = "ZDS connection {Id}: cannot open the network namespace of {Uid}: {Error}")]
    public static partial void NamespaceUnavailable(ILogger logger, long id, string uid, string error);
}
