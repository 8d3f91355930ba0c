using System.Buffers.Binary;

namespace Netlink;

/// <summary>
/// Request/ack, single-object queries, multipart dumps and pipelined batches over one transport.
/// Sequence numbers are owned here and nowhere else; one operation runs at a time.
/// </summary>
public sealed class NetlinkClient : IDisposable
{
    private readonly INetlinkTransport transport;
    private readonly NetlinkClientOptions options;
    private readonly byte[] receiveBuffer;
    private readonly byte[] sendBuffer;
    private readonly Lock gate = new();
    private uint sequence;

    public NetlinkClient(INetlinkTransport transport, NetlinkClientOptions? options = null)
    {
        this.transport = transport ?? throw new ArgumentNullException(nameof(transport));
        this.options = options ?? new NetlinkClientOptions();
        receiveBuffer = new byte[this.options.ReceiveBufferBytes];
        sendBuffer = new byte[Math.Max(this.options.SendChunkBytes, this.options.MaxRequestBytes)];
    }

    /// <summary>Opens a socket of <paramref name="protocol"/>, optionally inside <paramref name="networkNamespace"/>.</summary>
    public static NetlinkClient Open(NetlinkProtocol protocol, NetworkNamespace? networkNamespace = null, NetlinkSocketOptions? socketOptions = null) =>
        new(NetlinkSocket.Open(protocol, socketOptions, networkNamespace));

    public INetlinkTransport Transport => transport;

    /// <summary>Sends one request with <c>NLM_F_ACK</c> and waits for its acknowledgement; a negative errno throws.</summary>
    public void Execute(string operation, MessageEncoder encode)
    {
        ArgumentNullException.ThrowIfNull(encode);
        lock (gate)
        {
            var seq = SendOne(encode, NetlinkFlags.Request | NetlinkFlags.Ack);
            while (true)
            {
                var length = transport.Receive(receiveBuffer);
                var reader = new NetlinkMessageReader(receiveBuffer.AsSpan(0, length));
                while (reader.TryRead(out var message))
                {
                    if (message.Header.Sequence != seq || message.Header.Type != NetlinkMessageType.Error)
                        continue;
                    var error = NetlinkErrorMessage.Parse(message);
                    if (!error.IsAck)
                        throw error.ToException(operation);
                    return;
                }
            }
        }
    }

    /// <summary>Sends one GET request (no dump) and decodes the single reply.</summary>
    public T Get<T>(string operation, MessageEncoder encode, MessageDecoder<T> decode)
    {
        ArgumentNullException.ThrowIfNull(encode);
        ArgumentNullException.ThrowIfNull(decode);
        lock (gate)
        {
            var seq = SendOne(encode, NetlinkFlags.Request);
            while (true)
            {
                var length = transport.Receive(receiveBuffer);
                var reader = new NetlinkMessageReader(receiveBuffer.AsSpan(0, length));
                while (reader.TryRead(out var message))
                {
                    if (message.Header.Sequence != seq)
                        continue;
                    if (message.Header.Type == NetlinkMessageType.Error)
                    {
                        var error = NetlinkErrorMessage.Parse(message);
                        if (error.IsAck)
                            continue;
                        throw error.ToException(operation);
                    }

                    return decode(message);
                }
            }
        }
    }

    /// <summary>
    /// Runs a dump (<c>NLM_F_DUMP</c>) to <c>NLMSG_DONE</c>, decoding every reply (null results are skipped).
    /// Restarts when the kernel marks the dump interrupted, up to <see cref="NetlinkClientOptions.MaxDumpAttempts"/>.
    /// </summary>
    public List<T> Dump<T>(string operation, MessageEncoder encode, MessageDecoder<T?> decode)
    {
        ArgumentNullException.ThrowIfNull(decode);
        var results = new List<T>();
        DumpEach(operation, encode, results, (message, list) =>
        {
            var item = decode(message);
            if (item is not null)
                list.Add(item);
        }, reset: list => list.Clear());
        return results;
    }

    /// <summary>Streams a dump through <paramref name="visit"/>; <paramref name="reset"/> runs before a restart.</summary>
    public void DumpEach<TState>(string operation, MessageEncoder encode, TState state, MessageVisitor<TState> visit, Action<TState>? reset = null)
    {
        ArgumentNullException.ThrowIfNull(encode);
        ArgumentNullException.ThrowIfNull(visit);
        lock (gate)
        {
            for (var attempt = 1; ; attempt++)
            {
                if (!DumpOnce(operation, encode, state, visit))
                    return;
                if (attempt >= options.MaxDumpAttempts)
                    throw new NetlinkException($"{operation}: dump interrupted {attempt} times by concurrent changes", Errno.EINTR);
                reset?.Invoke(state);
            }
        }
    }

    /// <summary>
    /// Sends <paramref name="count"/> requests pipelined: many per <c>sendmsg</c>, with at most
    /// <see cref="INetlinkTransport.MaxOutstandingReplies"/> unsettled so the receive buffer cannot overflow.
    /// Only the last request of each <c>sendmsg</c> carries <c>NLM_F_ACK</c>; the kernel reports the others only on
    /// failure, and in order, so that one ACK settles the whole datagram (about 5x faster than one ACK per request).
    /// Every request gets its own result; a failure in the middle affects only that request.
    /// If the kernel still drops acks (ENOBUFS), <see cref="NetlinkResyncRequiredException"/> is thrown: the caller must
    /// dump and diff again, because which requests took effect is then unknown.
    /// </summary>
    public BatchResult ExecuteBatch(int count, BatchEncoder encode, Func<int, string> describe)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(encode);
        ArgumentNullException.ThrowIfNull(describe);
        var errors = new NetlinkException?[count];
        if (count == 0)
            return new BatchResult(errors);

        lock (gate)
        {
            var firstSeq = unchecked(sequence + 1);
            sequence = unchecked(sequence + (uint)count);
            var window = transport.MaxOutstandingReplies;

            // Only the last request of each sendmsg asks for an ACK (a barrier); the kernel answers the others only
            // when they fail (netlink acks a request without NLM_F_ACK only on error). It handles requests in order,
            // so a barrier's reply settles every request before it: one receive per datagram instead of one per
            // request. At most `window` requests are unsettled, so at most `window` replies can be queued.
            var barrier = new bool[count];
            int next = 0, settled = 0;
            while (settled < count)
            {
                // Refill only once half the window has drained, so each sendmsg carries many requests.
                if (next < count && next - settled <= window / 2)
                {
                    var writer = new NetlinkWriter(sendBuffer.AsSpan(0, Math.Max(options.SendChunkBytes, options.MaxRequestBytes)));
                    var last = 0;
                    while (next < count && next - settled < window && writer.Capacity - writer.Position >= options.MaxRequestBytes)
                    {
                        last = writer.Position;
                        encode(ref writer, next);
                        Stamp(sendBuffer.AsSpan(last, writer.Position - last), unchecked(firstSeq + (uint)next), NetlinkFlags.Request);
                        next++;
                    }

                    barrier[next - 1] = true;
                    var header = NetlinkHeader.Read(sendBuffer.AsSpan(last));
                    (header with { Flags = header.Flags | NetlinkFlags.Ack }).Write(sendBuffer.AsSpan(last));
                    transport.Send(writer.Written);
                    continue;
                }

                var length = transport.Receive(receiveBuffer);
                var reader = new NetlinkMessageReader(receiveBuffer.AsSpan(0, length));
                while (reader.TryRead(out var message))
                {
                    if (message.Header.Type != NetlinkMessageType.Error)
                        continue;
                    var index = unchecked((int)(message.Header.Sequence - firstSeq));
                    if ((uint)index >= (uint)next || index < settled)
                        continue;
                    var error = NetlinkErrorMessage.Parse(message);
                    if (!error.IsAck)
                        errors[index] = error.ToException(describe(index));
                    if (barrier[index])
                        settled = index + 1;
                }
            }
        }

        return new BatchResult(errors);
    }

    public void Dispose() => transport.Dispose();

    private bool DumpOnce<TState>(string operation, MessageEncoder encode, TState state, MessageVisitor<TState> visit)
    {
        var seq = SendOne(encode, NetlinkFlags.Request | NetlinkFlags.Dump);
        var interrupted = false;
        while (true)
        {
            var length = transport.Receive(receiveBuffer);
            var reader = new NetlinkMessageReader(receiveBuffer.AsSpan(0, length));
            while (reader.TryRead(out var message))
            {
                if (message.Header.Sequence != seq)
                    continue;
                if ((message.Header.Flags & NetlinkFlags.DumpInterrupted) != 0)
                    interrupted = true;
                switch (message.Header.Type)
                {
                    case NetlinkMessageType.Done:
                        if (message.Payload.Length >= 4 && BinaryPrimitives.ReadInt32LittleEndian(message.Payload) is var code && code < 0)
                            throw new NetlinkException(operation, -code);
                        return interrupted;
                    case NetlinkMessageType.Error:
                        var error = NetlinkErrorMessage.Parse(message);
                        if (!error.IsAck)
                            throw error.ToException(operation);
                        break;
                    case NetlinkMessageType.Noop:
                        break;
                    default:
                        if (!interrupted)
                            visit(message, state);
                        break;
                }
            }
        }
    }

    private uint SendOne(MessageEncoder encode, NetlinkFlags flags)
    {
        var writer = new NetlinkWriter(sendBuffer);
        encode(ref writer);
        var seq = unchecked(++sequence);
        var written = sendBuffer.AsSpan(0, writer.Position);
        Stamp(written, seq, flags);
        transport.Send(written);
        return seq;
    }

    private static void Stamp(Span<byte> message, uint seq, NetlinkFlags flags)
    {
        var header = NetlinkHeader.Read(message);
        if (header.Length != message.Length)
            throw new InvalidOperationException(
                $"an encoder must write exactly one complete message (header says {header.Length} bytes, {message.Length} written)");
        (header with { Sequence = seq, Flags = header.Flags | flags }).Write(message);
    }
}

/// <summary>Receives one dump reply together with caller state (avoids a closure per dump).</summary>
public delegate void MessageVisitor<in TState>(NetlinkMessage message, TState state);
