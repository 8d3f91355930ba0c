using Microsoft.Extensions.Logging;

namespace Encryption.Ztunnel.Enrollment;

internal static partial class EnrollmentLog
{
    [LoggerMessage(EventId = 6500, Level = LogLevel.Information, Message = "In-pod redirection installed for {Namespace}/{Pod}")]
    public static partial void RulesInstalled(ILogger logger, string @namespace, string pod);

    [LoggerMessage(EventId = 6501, Level = LogLevel.Information, Message = "In-pod redirection removed for {Namespace}/{Pod}")]
    public static partial void RulesRemoved(ILogger logger, string @namespace, string pod);

    [LoggerMessage(EventId = 6502, Level = LogLevel.Warning, Message = "In-pod redirection for {Namespace}/{Pod} failed: {Error}")]
    public static partial void RulesFailed(ILogger logger, string @namespace, string pod, string error);
}
