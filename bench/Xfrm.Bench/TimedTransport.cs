using System.Diagnostics;
using Netlink;

namespace Xfrm.Bench;

/// <summary>
/// A real netlink socket that also counts what it receives: datagrams, bytes and the time spent inside
/// <c>recv</c> (kernel dump work + syscall), and sends and the time inside <c>sendto</c> (where the kernel applies a batch's
/// requests). Splits an operation's time into kernel and user-space parts.
/// </summary>
internal sealed class TimedTransport(NetlinkSocket socket) : INetlinkTransport
{
    public int MaxOutstandingReplies => socket.MaxOutstandingReplies;

    public long Receives { get; private set; }

    public long ReceivedBytes { get; private set; }

    public long ReceiveTicks { get; private set; }

    public long Sends { get; private set; }

    /// <summary>Time inside <c>sendto</c>: the kernel handles every request of a datagram before it returns.</summary>
    public long SendTicks { get; private set; }

    public void Reset() => (Receives, ReceivedBytes, ReceiveTicks, Sends, SendTicks) = (0, 0, 0, 0, 0);

    public void Send(ReadOnlySpan<byte> datagram)
    {
        var start = Stopwatch.GetTimestamp();
        socket.Send(datagram);
        SendTicks += Stopwatch.GetTimestamp() - start;
        Sends++;
    }

    public int Receive(Span<byte> buffer)
    {
        var start = Stopwatch.GetTimestamp();
        var length = socket.Receive(buffer);
        ReceiveTicks += Stopwatch.GetTimestamp() - start;
        Receives++;
        ReceivedBytes += length;
        return length;
    }

    public void Dispose() => socket.Dispose();
}
