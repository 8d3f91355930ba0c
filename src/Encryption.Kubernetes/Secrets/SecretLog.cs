using Microsoft.Extensions.Logging;

namespace Encryption.Kubernetes.Secrets;

/// <summary>Log events of the Secret watcher (ids 4160-4169). Key material is never logged.</summary>
internal static partial class SecretLog
{
    [LoggerMessage(EventId = 4160, Level = LogLevel.Warning, Message = "IPsec keys Secret {Secret} is unusable: {Reason}")]
    public static partial void Unreadable(ILogger logger, string secret, string reason);
}
