namespace Netlink;

/// <summary>Socket settings; the defaults suit large dumps and pipelined batches.</summary>
public sealed record NetlinkSocketOptions
{
    /// <summary>Receive buffer (<c>SO_RCVBUFFORCE</c>, falling back to <c>SO_RCVBUF</c> without CAP_NET_ADMIN).</summary>
    public int ReceiveBufferBytes { get; init; } = 8 * 1024 * 1024;

    public int SendBufferBytes { get; init; } = 1024 * 1024;

    /// <summary>Ask the kernel for error strings (<c>NETLINK_EXT_ACK</c>).</summary>
    public bool ExtendedAck { get; init; } = true;

    /// <summary>Do not echo the request in error replies (<c>NETLINK_CAP_ACK</c>): keeps acks small.</summary>
    public bool CapAck { get; init; } = true;

    /// <summary>A reply that does not arrive in this time fails the call with ETIMEDOUT.</summary>
    public TimeSpan ReceiveTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Kernel memory charged per queued ACK (skb truesize, about 768 bytes on x86_64, rounded up).
    /// The receive buffer divided by this bounds how many requests a batch keeps in flight.
    /// </summary>
    public int BytesPerReply { get; init; } = 1280;
}
