using Microsoft.Extensions.Logging;

namespace Encryption.WireGuard;

/// <summary>Every log line of the WireGuard backend, defined once with a stable event id. No private key ever appears.</summary>
internal static partial class Log
{
    [LoggerMessage(5001, LogLevel.Information, "WireGuard private key {Origin} at {Path}; public key {PublicKey}")]
    public static partial void KeyLoaded(ILogger logger, Keys.PrivateKeyFile.Origin origin, string path, Keys.PublicKey publicKey);

    [LoggerMessage(5002, LogLevel.Information, "WireGuard device {Device} reached through the {Transport} transport")]
    public static partial void TransportChosen(ILogger logger, string device, Model.WireGuardTransportKind transport);

    [LoggerMessage(5003, LogLevel.Information, "Started wireguard-go (pid {Pid}) for {Device}, UAPI socket {Socket}")]
    public static partial void UserspaceStarted(ILogger logger, int pid, string device, string socket);

    [LoggerMessage(5004, LogLevel.Information, "{Device}: {Operation}")]
    public static partial void OperationApplied(ILogger logger, string device, string operation);

    [LoggerMessage(5005, LogLevel.Warning, "Node {Node} gets no WireGuard peer: {Reason}")]
    public static partial void PeerRejected(ILogger logger, string node, string reason);

    [LoggerMessage(5006, LogLevel.Information, "Device {Device} {Support} remove single allowed IPs; stale prefixes go {Method}")]
    public static partial void RemovalProbed(ILogger logger, string device, string support, string method);

    [LoggerMessage(5007, LogLevel.Information, "Routes through {Device}: {Added} added or repointed, {Removed} removed")]
    public static partial void RoutesChanged(ILogger logger, string device, int added, int removed);

    [LoggerMessage(5008, LogLevel.Warning, "WireGuard key rotated: new public key {PublicKey}; peers follow once the node annotation is published")]
    public static partial void KeyRotated(ILogger logger, Keys.PublicKey publicKey);

    [LoggerMessage(5009, LogLevel.Error, "WireGuard reconcile failed")]
    public static partial void ReconcileFailed(ILogger logger, Exception exception);

    [LoggerMessage(5010, LogLevel.Information, "Strict mode: {State} (nftables table inet {Table})")]
    public static partial void StrictModeApplied(ILogger logger, string state, string table);

    [LoggerMessage(5011, LogLevel.Warning, "Prefix conflict: {Conflict}")]
    public static partial void PrefixConflict(ILogger logger, string conflict);
}
