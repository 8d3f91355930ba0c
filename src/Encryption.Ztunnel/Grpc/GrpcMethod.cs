using Google.Protobuf;

namespace Encryption.Ztunnel.Grpc;

/// <summary>A method served at <c>/package.Service/Method</c>.</summary>
public abstract class GrpcMethod
{
    protected GrpcMethod(string path)
    {
        if (!path.StartsWith('/') || path.Count(c => c == '/') != 2)
            throw new ArgumentException($"gRPC path must look like /package.Service/Method, got \"{path}\"", nameof(path));
        Path = path;
    }

    public string Path { get; }

    /// <summary>Runs the call; returning means status OK, a <see cref="GrpcStatusException"/> means that status.</summary>
    public abstract Task HandleAsync(GrpcServerCall call);
}

/// <summary>One request message in, one response message out.</summary>
public sealed class UnaryGrpcMethod<TRequest, TResponse> : GrpcMethod
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private readonly MessageParser<TRequest> parser;
    private readonly Func<TRequest, GrpcServerCall, Task<TResponse>> handler;

    public UnaryGrpcMethod(string path, MessageParser<TRequest> parser, Func<TRequest, GrpcServerCall, Task<TResponse>> handler)
        : base(path)
    {
        this.parser = parser;
        this.handler = handler;
    }

    public override async Task HandleAsync(GrpcServerCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var request = await call.ReadAsync(parser).ConfigureAwait(false)
            ?? throw new GrpcStatusException(GrpcStatusCode.Internal, "unary call ended without a request message");
        if (await call.ReadAsync(parser).ConfigureAwait(false) is not null)
            throw new GrpcStatusException(GrpcStatusCode.Internal, "unary call sent more than one request message");
        var response = await handler(request, call).ConfigureAwait(false);
        await call.WriteAsync(response).ConfigureAwait(false);
    }
}

/// <summary>Both directions stream independently; the handler reads and writes through the call.</summary>
public sealed class DuplexGrpcMethod : GrpcMethod
{
    private readonly Func<GrpcServerCall, Task> handler;

    public DuplexGrpcMethod(string path, Func<GrpcServerCall, Task> handler)
        : base(path) => this.handler = handler;

    public override async Task HandleAsync(GrpcServerCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        await call.StartResponseAsync().ConfigureAwait(false);
        await handler(call).ConfigureAwait(false);
    }
}
