using Microsoft.Extensions.Logging;

namespace Encryption.IPsec.Backend;

/// <summary>The backend's log lines. None carries key material: keys appear only as IDs and algorithm descriptions.</summary>
internal static partial class IPsecBackendLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "IPsec key {KeyId} in force ({Algorithm}); holding keys {KeyIds}")]
    public static partial void KeyLoaded(ILogger logger, byte keyId, string algorithm, string keyIds);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Error, Message = "IPsec key file refused, the keys in force stay in force: {Reason}")]
    public static partial void KeyRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "XFRM reconciled: {Changes} ({Tunnels} tunnels, {Skipped} peers skipped)")]
    public static partial void Reconciled(ILogger logger, string changes, int tunnels, int skipped);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "advertising IPsec key {KeyId}: its IN states are installed")]
    public static partial void Advertised(ILogger logger, byte keyId);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information, Message = "IPsec key {KeyId} removed: {Reason}")]
    public static partial void KeyRemoved(ILogger logger, byte keyId, string reason);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning, Message = "{Problem}")]
    public static partial void Problem(ILogger logger, string problem);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Information, Message = "{Kind}: {Detail}")]
    public static partial void Event(ILogger logger, string kind, string detail);
}
