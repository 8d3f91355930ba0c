using Microsoft.Extensions.Logging;

namespace Encryption.Agent.Logging;

/// <summary>Removing what a previously run backend left in the kernel. Event ids 8400-8499.</summary>
internal static partial class LeftoversLog
{
    [LoggerMessage(8400, LogLevel.Information, "This node last ran backend {Previous}, now {Current}: removed its leftovers: {Removed}")]
    public static partial void Removed(ILogger logger, string previous, string current, string removed);

    [LoggerMessage(8401, LogLevel.Error, "This node last ran backend {Previous}, now {Current}: removing its leftovers failed (retried at the next start)")]
    public static partial void RemoveFailed(ILogger logger, string previous, string current, Exception exception);

    [LoggerMessage(8402, LogLevel.Warning, "This node last ran backend {Previous}, now {Current}: {Remaining}")]
    public static partial void LeftInPlace(ILogger logger, string previous, string current, string remaining);
}
