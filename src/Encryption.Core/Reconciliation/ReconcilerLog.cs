using Microsoft.Extensions.Logging;

namespace Encryption.Core.Reconciliation;

/// <summary>Reconciler log messages (event ids 1100-1199). Keys are logged with ToString(); they never hold key material.</summary>
internal static partial class ReconcilerLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Debug, Message = "{Reconciler}: updated {Key}")]
    public static partial void Updated(ILogger logger, string reconciler, string key);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "{Reconciler}: {Operation} of {Key} failed (attempt {Attempt}, retry in {RetryIn}): {Error}")]
    public static partial void OperationFailed(ILogger logger, string reconciler, ReconcileOperation operation, string key, int attempt, TimeSpan retryIn, string error);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Debug, Message = "{Reconciler}: deleted {Key}")]
    public static partial void Deleted(ILogger logger, string reconciler, string key);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "{Reconciler}: {Key} reconciled after {Attempts} failed attempts")]
    public static partial void Recovered(ILogger logger, string reconciler, string key, int attempts);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Debug, Message = "{Reconciler}: full resync of {Count} objects")]
    public static partial void FullResync(ILogger logger, string reconciler, int count);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Warning, Message = "{Reconciler}: drift detected on {Key}; re-applying")]
    public static partial void DriftDetected(ILogger logger, string reconciler, string key);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Warning, Message = "{Reconciler}: drift detection failed, re-applying everything: {Error}")]
    public static partial void DriftDetectionFailed(ILogger logger, string reconciler, string error);

    [LoggerMessage(EventId = 1107, Level = LogLevel.Debug, Message = "{Reconciler}: pruned against {Count} desired objects")]
    public static partial void Pruned(ILogger logger, string reconciler, int count);

    [LoggerMessage(EventId = 1108, Level = LogLevel.Warning, Message = "{Reconciler}: prune failed (attempt {Attempt}, retry in {RetryIn}): {Error}")]
    public static partial void PruneFailed(ILogger logger, string reconciler, int attempt, TimeSpan retryIn, string error);

    [LoggerMessage(EventId = 1109, Level = LogLevel.Information, Message = "{Reconciler}: health {Old} -> {New}: {Message}")]
    public static partial void HealthChanged(ILogger logger, string reconciler, Backends.HealthState old, Backends.HealthState @new, string message);
}
