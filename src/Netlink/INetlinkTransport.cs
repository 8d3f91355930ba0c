namespace Netlink;

/// <summary>
/// The byte boundary of netlink: datagrams out, datagrams in. <see cref="NetlinkSocket"/> is the real one;
/// tests put a delegate-backed fake here (request bytes in, kernel reply bytes out).
/// </summary>
public interface INetlinkTransport : IDisposable
{
    /// <summary>How many replies may be outstanding before the receive buffer could overflow.</summary>
    int MaxOutstandingReplies { get; }

    /// <summary>Sends one datagram, which may hold several messages.</summary>
    void Send(ReadOnlySpan<byte> datagram);

    /// <summary>
    /// Receives one datagram into <paramref name="buffer"/> and returns its length.
    /// Throws <see cref="NetlinkResyncRequiredException"/> when the kernel dropped messages (ENOBUFS).
    /// </summary>
    int Receive(Span<byte> buffer);
}
