namespace Netlink;

/// <summary>Client-side sizes and retry limits.</summary>
public sealed record NetlinkClientOptions
{
    /// <summary>Largest datagram accepted from the kernel (dump replies are up to a few tens of KiB).</summary>
    public int ReceiveBufferBytes { get; init; } = 256 * 1024;

    /// <summary>Bytes packed into one <c>sendmsg</c> of a batch.</summary>
    public int SendChunkBytes { get; init; } = 128 * 1024;

    /// <summary>The largest single request an encoder may write.</summary>
    public int MaxRequestBytes { get; init; } = 16 * 1024;

    /// <summary>How often a dump marked <c>NLM_F_DUMP_INTR</c> (table changed meanwhile) is restarted.</summary>
    public int MaxDumpAttempts { get; init; } = 30;
}
