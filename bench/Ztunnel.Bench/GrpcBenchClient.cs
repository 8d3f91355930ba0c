using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using System.Threading.Channels;
using Google.Protobuf;

namespace Ztunnel.Bench;

/// <summary>A minimal gRPC client over HttpClient (HTTP/2, TLS trusting one certificate): unary and duplex.</summary>
internal sealed class GrpcBenchClient(Uri baseUri, string trustedThumbprint) : IDisposable
{
    private readonly HttpClient http = new(new SocketsHttpHandler
    {
        EnableMultipleHttp2Connections = true,
        SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == trustedThumbprint },
    });

    public async Task<TResponse> UnaryAsync<TResponse>(string path, IMessage request, MessageParser<TResponse> parser)
        where TResponse : IMessage<TResponse>
    {
        using var message = Request(path, new ByteArrayContent(Frame(request)));
        using var response = await http.SendAsync(message);
        var body = await response.Content.ReadAsByteArrayAsync();
        var status = response.TrailingHeaders.TryGetValues("grpc-status", out var values) ? values.First()
            : response.Headers.TryGetValues("grpc-status", out var headerValues) ? headerValues.First() : "?";
        if (status != "0")
            throw new InvalidOperationException($"grpc-status {status}");
        return parser.ParseFrom(body.AsSpan(5));
    }

    /// <summary>
    /// Opens a bidirectional stream: write requests to the returned channel, read responses from the other.
    /// Does not wait for the response headers: a server may send them only with its first response, which comes
    /// after the first request (waiting here would deadlock).
    /// </summary>
    public (ChannelWriter<IMessage> Requests, IAsyncEnumerable<TResponse> Responses) Duplex<TResponse>(string path, MessageParser<TResponse> parser)
        where TResponse : IMessage<TResponse>
    {
        var requests = Channel.CreateUnbounded<IMessage>();
        var content = new PushContent(requests.Reader);
        var message = Request(path, content);
        var response = http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead);
        return (requests.Writer, Read(response, parser));
    }

    private static async IAsyncEnumerable<TResponse> Read<TResponse>(Task<HttpResponseMessage> responseTask, MessageParser<TResponse> parser)
        where TResponse : IMessage<TResponse>
    {
        using var response = await responseTask;
        await using var stream = await response.Content.ReadAsStreamAsync();
        var header = new byte[5];
        while (true)
        {
            try
            {
                await stream.ReadExactlyAsync(header);
            }
            catch (EndOfStreamException)
            {
                yield break;
            }

            var body = new byte[BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(1))];
            await stream.ReadExactlyAsync(body);
            yield return parser.ParseFrom(body);
        }
    }

    private HttpRequestMessage Request(string path, HttpContent content)
    {
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/grpc");
        var message = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, path))
        {
            Content = content,
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        message.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));
        return message;
    }

    private static byte[] Frame(IMessage message)
    {
        var payload = message.ToByteArray();
        var framed = new byte[payload.Length + 5];
        BinaryPrimitives.WriteInt32BigEndian(framed.AsSpan(1), payload.Length);
        payload.CopyTo(framed, 5);
        return framed;
    }

    public void Dispose() => http.Dispose();

    private sealed class PushContent(ChannelReader<IMessage> requests) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await foreach (var request in requests.ReadAllAsync())
            {
                await stream.WriteAsync(Frame(request));
                await stream.FlushAsync();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
