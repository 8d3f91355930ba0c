using Netlink;

namespace Encryption.WireGuard.Tests.Support;

/// <summary>The byte boundary of netlink, faked: each sent message goes to <c>respond</c>, whose datagrams are queued for receive.</summary>
internal sealed class FakeKernel(Func<byte[], IEnumerable<byte[]>> respond) : INetlinkTransport
{
    private readonly Queue<byte[]> replies = new();

    public int MaxOutstandingReplies => 64;

    public List<byte[]> Requests { get; } = [];

    public void Send(ReadOnlySpan<byte> datagram)
    {
        var reader = new NetlinkMessageReader(datagram);
        var offset = 0;
        while (reader.TryRead(out var message))
        {
            var bytes = datagram.Slice(offset, (int)message.Header.Length).ToArray();
            offset += NetlinkAlignment.Align(bytes.Length);
            Requests.Add(bytes);
            foreach (var reply in respond(bytes))
                replies.Enqueue(reply);
        }
    }

    public int Receive(Span<byte> buffer)
    {
        if (!replies.TryDequeue(out var reply))
            throw new InvalidOperationException("the client waited for a reply the fake kernel never sent");
        reply.CopyTo(buffer);
        return reply.Length;
    }

    public void Dispose() { }
}
