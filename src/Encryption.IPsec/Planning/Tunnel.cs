using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;

namespace Encryption.IPsec.Planning;

/// <summary>
/// One encrypted path between the local node and one remote node in one address family: the outer
/// endpoints, what is sent through it, and which keys protect each direction.
/// </summary>
public sealed record Tunnel
{
    public required string RemoteName { get; init; }

    public required AddressFamily Family { get; init; }

    public required IPAddress LocalAddress { get; init; }

    public required IPAddress RemoteAddress { get; init; }

    public required ushort LocalNodeId { get; init; }

    public required ushort RemoteNodeId { get; init; }

    public required string LocalBootId { get; init; }

    public required string RemoteBootId { get; init; }

    /// <summary>Destinations sent through the tunnel (remote pod CIDRs; the remote node address with node encryption).</summary>
    public required ImmutableArray<IPNetwork> RemoteSelectors { get; init; }

    /// <summary>Local pod CIDRs of this family (where decrypted traffic goes).</summary>
    public required ImmutableArray<IPNetwork> LocalSelectors { get; init; }

    /// <summary>The key ID used for traffic to the remote node.</summary>
    public required byte OutKeyId { get; init; }

    /// <summary>Every key ID accepted from the remote node (current and still-held older keys).</summary>
    public required ImmutableArray<byte> InKeyIds { get; init; }
}

/// <summary>Why a remote node gets no tunnel (reported in status; nothing is installed for it).</summary>
public sealed record SkippedNode(string Name, string Reason);

/// <summary>The planner's result: tunnels to install, and nodes left out with the reason.</summary>
public sealed record TunnelPlan(ImmutableArray<Tunnel> Tunnels, ImmutableArray<SkippedNode> Skipped)
{
    public static TunnelPlan Empty { get; } = new([], []);
}
