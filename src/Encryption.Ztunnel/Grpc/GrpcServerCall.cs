using Google.Protobuf;
using Microsoft.AspNetCore.Http;

namespace Encryption.Ztunnel.Grpc;

/// <summary>
/// One call on one HTTP/2 stream: reads request messages, writes response messages. Writes are
/// serialized (one writer per stream) and each one is flushed, so a reader and a pusher may both write.
/// </summary>
public sealed class GrpcServerCall : IDisposable
{
    private readonly HttpContext context;
    private readonly int maxReceiveMessageSize;
    private readonly SemaphoreSlim writeLock = new(1, 1);

    internal GrpcServerCall(HttpContext context, int maxReceiveMessageSize, CancellationToken cancellationToken)
    {
        this.context = context;
        this.maxReceiveMessageSize = maxReceiveMessageSize;
        CancellationToken = cancellationToken;
    }

    /// <summary>Cancelled when the client resets the stream, the deadline passes or the server stops.</summary>
    public CancellationToken CancellationToken { get; }

    public IHeaderDictionary RequestHeaders => context.Request.Headers;

    /// <summary>The remote address, for logs and status.</summary>
    public string Peer => $"{context.Connection.RemoteIpAddress}:{context.Connection.RemotePort}";

    /// <summary>Reads the next request message; null when the client half-closed its stream.</summary>
    public ValueTask<T?> ReadAsync<T>(MessageParser<T> parser)
        where T : class, IMessage<T> =>
        GrpcFraming.ReadMessageAsync(context.Request.BodyReader, parser, maxReceiveMessageSize, CancellationToken);

    /// <summary>Sends the response headers now (tonic waits for them before a streaming call is "open").</summary>
    public async Task StartResponseAsync()
    {
        await writeLock.WaitAsync(CancellationToken).ConfigureAwait(false);
        try
        {
            if (!context.Response.HasStarted)
            {
                await context.Response.StartAsync(CancellationToken).ConfigureAwait(false);
                await context.Response.BodyWriter.FlushAsync(CancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            writeLock.Release();
        }
    }

    public async Task WriteAsync(IMessage message)
    {
        await writeLock.WaitAsync(CancellationToken).ConfigureAwait(false);
        try
        {
            GrpcFraming.WriteMessage(context.Response.BodyWriter, message);
            var result = await context.Response.BodyWriter.FlushAsync(CancellationToken).ConfigureAwait(false);
            if (result.IsCanceled)
                throw new OperationCanceledException(CancellationToken);
        }
        finally
        {
            writeLock.Release();
        }
    }

    public void Dispose() => writeLock.Dispose();
}
