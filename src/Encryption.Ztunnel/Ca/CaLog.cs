using Encryption.Ztunnel.Grpc;
using Microsoft.Extensions.Logging;

namespace Encryption.Ztunnel.Ca;

internal static partial class CaLog
{
    public static void Issued(ILogger logger, SpiffeId identity, System.Security.Cryptography.X509Certificates.X509Certificate2 leaf)
    {
        if (!logger.IsEnabled(LogLevel.Information))
            return;
        var serial = leaf.SerialNumber;
        var notAfter = leaf.NotAfter.ToUniversalTime();
        IssuedCore(logger, identity, serial, notAfter);
    }

    [LoggerMessage(EventId = 6200, Level = LogLevel.Information, Message = "Issued certificate for {Identity}, serial {Serial}, valid until {NotAfter:u}")]
    private static partial void IssuedCore(ILogger logger, SpiffeId identity, string serial, DateTime notAfter);

    [LoggerMessage(EventId = 6201, Level = LogLevel.Warning, Message = "Refused certificate request ({Code}): {Reason}")]
    public static partial void Refused(ILogger logger, GrpcStatusCode code, string reason);
}
