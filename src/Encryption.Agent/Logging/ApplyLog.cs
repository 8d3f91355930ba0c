using Microsoft.Extensions.Logging;

namespace Encryption.Agent.Logging;

/// <summary>The backend apply loop. Event ids 8200-8299.</summary>
internal static partial class ApplyLog
{
    [LoggerMessage(8200, LogLevel.Information, "Backend {Backend} started; waiting for the cluster source's initial list")]
    public static partial void BackendStarted(ILogger logger, string backend);

    [LoggerMessage(8201, LogLevel.Information, "Applied snapshot with {Remotes} remote nodes in {Milliseconds} ms ({Reason})")]
    public static partial void Applied(ILogger logger, int remotes, long milliseconds, string reason);

    [LoggerMessage(8202, LogLevel.Warning, "Apply failed ({Failures} in a row); retrying in {Delay}")]
    public static partial void ApplyFailed(ILogger logger, int failures, TimeSpan delay, Exception exception);
}
