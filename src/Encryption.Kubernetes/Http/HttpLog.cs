using Microsoft.Extensions.Logging;

namespace Encryption.Kubernetes.Http;

/// <summary>Log events of the HTTP layer (ids 4100-4119). Never logs token or key material.</summary>
internal static partial class HttpLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "API server rejected the bearer token (401); reloaded it from {Source} and retried")]
    public static partial void TokenReloaded(ILogger logger, string source);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "API server rejected the bearer token (401) and {Source} still holds the same token")]
    public static partial void TokenRejected(ILogger logger, string source);
}
