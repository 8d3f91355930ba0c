using Microsoft.Extensions.Logging;

namespace Encryption.Agent.Logging;

/// <summary>The status API. Event ids 8300-8399.</summary>
internal static partial class StatusLog
{
    [LoggerMessage(8300, LogLevel.Warning, "Backend status failed")]
    public static partial void BackendStatusFailed(ILogger logger, Exception exception);

    [LoggerMessage(8301, LogLevel.Information, "Removed stale status socket {Path}")]
    public static partial void RemovedStaleSocket(ILogger logger, string path);

    [LoggerMessage(8302, LogLevel.Warning, "WireGuard key rotated but publishing local node {Node} failed; the publisher retries on its next resync")]
    public static partial void RotatedKeyNotPublished(ILogger logger, string node, Exception exception);
}
