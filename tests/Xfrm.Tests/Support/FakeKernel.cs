using Netlink;

namespace Xfrm.Tests.Support;

/// <summary>
/// A fake at the byte boundary: every sent datagram goes to <see cref="respond"/>, whose reply datagrams are
/// queued for <see cref="Receive"/>. Nothing above the bytes is faked.
/// </summary>
internal sealed class FakeKernel : INetlinkTransport
{
    private readonly Func<byte[], IEnumerable<byte[]>> respond;
    private readonly Queue<byte[]> replies = new();

    public FakeKernel(Func<byte[], IEnumerable<byte[]>> respond, int maxOutstandingReplies = 64)
    {
        this.respond = respond;
        MaxOutstandingReplies = maxOutstandingReplies;
    }

    public int MaxOutstandingReplies { get; }

    public List<byte[]> Sent { get; } = [];

    public void Send(ReadOnlySpan<byte> datagram)
    {
        var copy = datagram.ToArray();
        Sent.Add(copy);
        foreach (var reply in respond(copy))
            replies.Enqueue(reply);
    }

    public int Receive(Span<byte> buffer)
    {
        if (!replies.TryDequeue(out var reply))
            throw new InvalidOperationException("the fake kernel has no reply queued: the client waits for something never sent");
        reply.CopyTo(buffer);
        return reply.Length;
    }

    public void Dispose() { }

    /// <summary>An NLMSG_ERROR answering <paramref name="request"/> with <paramref name="errno"/> (0 = ACK), capped.</summary>
    public static byte[] Ack(byte[] request, int errno = 0, string? message = null)
    {
        var header = NetlinkHeader.Read(request);
        var buffer = new byte[256];
        var writer = new NetlinkWriter(buffer);
        var scope = writer.BeginMessage(NetlinkMessageType.Error, NetlinkFlags.Capped | (message is null ? NetlinkFlags.None : NetlinkFlags.AckTlvs));
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(writer.Reserve(4), -errno);
        header.Write(writer.Reserve(NetlinkHeader.Size));
        if (message is not null)
            writer.WriteString(1, message);
        writer.End(scope);
        var reply = writer.Written.ToArray();
        NetlinkHeader.PatchSequence(reply, header.Sequence);
        return reply;
    }

    /// <summary>Concatenates messages into one datagram, stamping each with <paramref name="sequence"/>.</summary>
    public static byte[] Datagram(uint sequence, params byte[][] messages)
    {
        var stream = new MemoryStream();
        foreach (var message in messages)
        {
            var copy = message.ToArray();
            NetlinkHeader.PatchSequence(copy, sequence);
            stream.Write(copy);
            stream.Write(new byte[NetlinkAlignment.Align(copy.Length) - copy.Length]);
        }

        return stream.ToArray();
    }
}
