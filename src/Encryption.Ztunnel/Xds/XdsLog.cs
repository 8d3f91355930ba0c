using Microsoft.Extensions.Logging;

namespace Encryption.Ztunnel.Xds;

internal static partial class XdsLog
{
    [LoggerMessage(EventId = 6300, Level = LogLevel.Information, Message = "xDS stream from {Peer} opened")]
    public static partial void StreamOpened(ILogger logger, string peer);

    [LoggerMessage(EventId = 6301, Level = LogLevel.Information, Message = "xDS stream from {Peer} closed")]
    public static partial void StreamClosed(ILogger logger, string peer);

    [LoggerMessage(EventId = 6302, Level = LogLevel.Debug, Message = "xDS {TypeUrl} response {Nonce}: {Upserts} upserts, {Removed} removals")]
    public static partial void Sent(ILogger logger, string typeUrl, string nonce, int upserts, int removed);

    [LoggerMessage(EventId = 6303, Level = LogLevel.Warning, Message = "xDS NACK for {TypeUrl} response {Nonce}: {Error}")]
    public static partial void Nack(ILogger logger, string typeUrl, string nonce, string error);

    [LoggerMessage(EventId = 6304, Level = LogLevel.Warning, Message = "xDS ACK/NACK with unknown nonce {Nonce} for {TypeUrl}")]
    public static partial void UnknownNonce(ILogger logger, string typeUrl, string nonce);

    [LoggerMessage(EventId = 6305, Level = LogLevel.Warning, Message = "xDS subscription to unsupported type {TypeUrl} ignored")]
    public static partial void UnknownType(ILogger logger, string typeUrl);

    [LoggerMessage(EventId = 6306, Level = LogLevel.Warning, Message = "ztunnel NODE_NAME is {NodeName} but this agent advertises its workloads with node {Expected}: ztunnel will not find its local pods")]
    public static partial void NodeNameMismatch(ILogger logger, string nodeName, string expected);
}
