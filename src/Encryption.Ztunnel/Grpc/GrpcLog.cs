using Microsoft.Extensions.Logging;

namespace Encryption.Ztunnel.Grpc;

internal static partial class GrpcLog
{
    [LoggerMessage(EventId = 6100, Level = LogLevel.Error, Message = "gRPC method {Path} failed")]
    public static partial void MethodFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "gRPC server listening on {Addresses} (TLS, HTTP/2 only)")]
    public static partial void Listening(ILogger logger, IEnumerable<System.Net.IPEndPoint> addresses);
}
