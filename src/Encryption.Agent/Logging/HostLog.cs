using Microsoft.Extensions.Logging;
using System.Net;

namespace Encryption.Agent.Logging;

/// <summary>Agent start and stop. Event ids 8000-8099.</summary>
internal static partial class HostLog
{
    [LoggerMessage(8000, LogLevel.Information, "Agent starting: node {Node}, backend {Backend}, cluster source {Source}, boot ID {BootId}")]
    public static partial void Starting(ILogger logger, string node, string backend, string source, string bootId);

    [LoggerMessage(8001, LogLevel.Information, "Status API listening on unix socket {Path}")]
    public static partial void StatusSocket(ILogger logger, string path);

    [LoggerMessage(8002, LogLevel.Information, "Metrics and health listening on {Endpoint}")]
    public static partial void PrometheusEndpoint(ILogger logger, IPEndPoint endpoint);

    [LoggerMessage(8003, LogLevel.Information, "Agent stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(8004, LogLevel.Critical, "{Component} failed; stopping the agent")]
    public static partial void ComponentFailed(ILogger logger, string component, Exception exception);
}
