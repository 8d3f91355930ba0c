using Microsoft.Extensions.Logging;

namespace Encryption.Agent.Logging;

/// <summary>The status API. Event ids 1300-1399.</summary>
internal static partial class StatusLog
{
    [LoggerMessage(1300, LogLevel.Warning, "Backend status failed")]
    public static partial void BackendStatusFailed(ILogger logger, Exception exception);

    [LoggerMessage(1301, LogLevel.Information, "Removed stale status socket {Path}")]
    public static partial void RemovedStaleSocket(ILogger logger, string path);
}
