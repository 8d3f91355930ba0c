namespace Encryption.Ztunnel.Xds;

/// <summary>What status shows about one ztunnel xDS stream.</summary>
public sealed record XdsStreamInfo
{
    public required string Peer { get; init; }

    public required DateTimeOffset ConnectedAt { get; init; }

    /// <summary>The Envoy node id ztunnel sent (<c>ztunnel~IP~POD.NS~NS.svc.cluster.local</c>).</summary>
    public string? NodeId { get; init; }

    /// <summary>The NODE_NAME from the node metadata; workloads are matched to ztunnel's node by it.</summary>
    public string? NodeName { get; init; }

    public IReadOnlyList<string> Subscriptions { get; init; } = [];

    public long ResponsesSent { get; init; }

    public long Acks { get; init; }

    public long Nacks { get; init; }

    public string? LastNack { get; init; }

    public DateTimeOffset? LastAckAt { get; init; }

    /// <summary>Both types ztunnel waits for have been ACKed at least once (its xDS readiness gate).</summary>
    public bool Ready { get; init; }
}
