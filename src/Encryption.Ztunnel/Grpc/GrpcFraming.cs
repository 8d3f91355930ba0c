using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Google.Protobuf;

namespace Encryption.Ztunnel.Grpc;

/// <summary>
/// Length-Prefixed-Message framing (grpc PROTOCOL-HTTP2.md): a Compressed-Flag byte, a 4-byte big-endian
/// length, then the protobuf bytes. DATA frame boundaries mean nothing; messages are reassembled here.
/// </summary>
public static class GrpcFraming
{
    public const int HeaderSize = 5;

    /// <summary>
    /// Reads the next message, or returns null at a clean end of stream (END_STREAM between messages).
    /// </summary>
    /// <exception cref="GrpcStatusException">Truncated stream, compressed message, or a message over <paramref name="maxMessageSize"/>.</exception>
    public static async ValueTask<T?> ReadMessageAsync<T>(PipeReader reader, MessageParser<T> parser, int maxMessageSize, CancellationToken cancellationToken)
        where T : class, IMessage<T>
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(parser);
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (TryParse(ref buffer, parser, maxMessageSize, out var message))
            {
                reader.AdvanceTo(buffer.Start);
                return message;
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                var leftover = buffer.Length;
                reader.AdvanceTo(buffer.End);
                if (leftover == 0)
                    return null;
                throw new GrpcStatusException(GrpcStatusCode.Internal, $"request stream ended inside a message ({leftover} bytes left over)");
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>Parses one whole message from the front of <paramref name="buffer"/> and slices it off.</summary>
    public static bool TryParse<T>(ref ReadOnlySequence<byte> buffer, MessageParser<T> parser, int maxMessageSize, out T? message)
        where T : class, IMessage<T>
    {
        ArgumentNullException.ThrowIfNull(parser);
        message = null;
        if (buffer.Length < HeaderSize)
            return false;
        Span<byte> header = stackalloc byte[HeaderSize];
        buffer.Slice(0, HeaderSize).CopyTo(header);
        var compressed = header[0];
        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (compressed > 1)
            throw new GrpcStatusException(GrpcStatusCode.Internal, $"invalid Compressed-Flag {compressed}");
        if (compressed == 1)
            throw new GrpcStatusException(GrpcStatusCode.Unimplemented, "compressed messages are not supported (grpc-accept-encoding: identity)");
        if (length > (uint)maxMessageSize)
            throw new GrpcStatusException(GrpcStatusCode.ResourceExhausted, $"received message of {length} bytes exceeds the limit of {maxMessageSize}");
        if (buffer.Length < HeaderSize + length)
            return false;
        var payload = buffer.Slice(HeaderSize, length);
        try
        {
            message = parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new GrpcStatusException(GrpcStatusCode.Internal, $"cannot decode {typeof(T).Name}: {e.Message}");
        }

        buffer = buffer.Slice(payload.End);
        return true;
    }

    /// <summary>Writes one message with its 5-byte prefix (not flushed).</summary>
    public static void WriteMessage(IBufferWriter<byte> writer, IMessage message)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(message);
        var size = message.CalculateSize();
        var header = writer.GetSpan(HeaderSize);
        header[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(header[1..], (uint)size);
        writer.Advance(HeaderSize);
        message.WriteTo(writer);
    }
}
