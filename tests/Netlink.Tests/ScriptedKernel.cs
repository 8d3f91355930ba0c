
namespace Netlink.Tests;

/// <summary>
/// A fake at the byte boundary: every sent datagram is split into messages and each message is handed to
/// <c>respond</c>, whose replies (whole datagrams) are queued for <see cref="Receive"/>.
/// Records how many replies were outstanding at most, to check pipelining windows.
/// </summary>
internal sealed class ScriptedKernel : INetlinkTransport
{
    private readonly Func<byte[], IEnumerable<byte[]>> respond;
    private readonly Queue<byte[]> replies = new();

    public ScriptedKernel(Func<byte[], IEnumerable<byte[]>> respond, int maxOutstandingReplies = 64)
    {
        this.respond = respond;
        MaxOutstandingReplies = maxOutstandingReplies;
    }

    public int MaxOutstandingReplies { get; }

    public List<byte[]> Requests { get; } = [];

    public int SendCalls { get; private set; }

    public int PeakQueuedReplies { get; private set; }

    /// <summary>When set, the next Receive fails as if the kernel had dropped messages.</summary>
    public bool OverrunOnNextReceive { get; set; }

    public void Send(ReadOnlySpan<byte> datagram)
    {
        SendCalls++;
        var reader = new NetlinkMessageReader(datagram);
        var offset = 0;
        while (reader.TryRead(out var message))
        {
            var length = (int)message.Header.Length;
            var bytes = datagram.Slice(offset, length).ToArray();
            offset += NetlinkAlignment.Align(length);
            Requests.Add(bytes);
            foreach (var reply in respond(bytes))
                replies.Enqueue(reply);
        }

        PeakQueuedReplies = Math.Max(PeakQueuedReplies, replies.Count);
    }

    public int Receive(Span<byte> buffer)
    {
        if (OverrunOnNextReceive)
        {
            OverrunOnNextReceive = false;
            throw new NetlinkResyncRequiredException("receive from fake kernel");
        }

        if (!replies.TryDequeue(out var reply))
            throw new InvalidOperationException("the client waited for a reply the fake kernel never sent");
        reply.CopyTo(buffer);
        return reply.Length;
    }

    public void Dispose() { }
}
