namespace Encryption.Ztunnel.Grpc;

/// <summary>Ends a call with a non-OK status; <see cref="Exception.Message"/> becomes <c>grpc-message</c>.</summary>
public sealed class GrpcStatusException : Exception
{
    public GrpcStatusException(GrpcStatusCode code, string message)
        : base(message) => Code = code;

    public GrpcStatusCode Code { get; }
}
