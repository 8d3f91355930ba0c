using Microsoft.Extensions.Logging;

namespace Encryption.Agent.Logging;

/// <summary>Cluster source and local node publishing. Event ids 8100-8199.</summary>
internal static partial class ClusterLog
{
    [LoggerMessage(8100, LogLevel.Information, "Cluster source running")]
    public static partial void SourceRunning(ILogger logger);

    [LoggerMessage(8101, LogLevel.Debug, "Cluster change: {Kind}")]
    public static partial void Change(ILogger logger, string kind);

    [LoggerMessage(8102, LogLevel.Information, "Published local node {Node}")]
    public static partial void Published(ILogger logger, string node);

    [LoggerMessage(8103, LogLevel.Warning, "Publishing local node {Node} failed; retrying in {Delay}")]
    public static partial void PublishFailed(ILogger logger, string node, TimeSpan delay, Exception exception);

    [LoggerMessage(8104, LogLevel.Information, "Local node {Node} in the cluster source differs from what this agent advertises; republishing")]
    public static partial void Drifted(ILogger logger, string node);
}
