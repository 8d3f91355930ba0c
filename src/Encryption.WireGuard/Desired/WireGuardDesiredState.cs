using Encryption.WireGuard.Keys;
using System.Collections.Immutable;
using System.Net;

namespace Encryption.WireGuard.Desired;

/// <summary>This node's node-to-node encryption, as <c>cilium-dbg status</c> words it.</summary>
public enum NodeEncryptionState
{
    Disabled,
    OptedOut,
    Enabled,
}

/// <summary>One peer the device should have: a remote node.</summary>
public sealed record DesiredPeer
{
    public required string NodeName { get; init; }

    public required PublicKey PublicKey { get; init; }

    /// <summary>Node IPv4:51871, else [node IPv6]:51871.</summary>
    public required IPEndPoint Endpoint { get; init; }

    /// <summary>Sorted, distinct.</summary>
    public ImmutableArray<IPNetwork> AllowedIPs { get; init; } = [];

    /// <summary>Whether node-to-node traffic with this node goes through the device (both ends opted in).</summary>
    public bool NodeEncryption { get; init; }
}

/// <summary>A remote node that gets no peer, and why. <see cref="IsError"/> is false for "not ready yet" (no key published).</summary>
public sealed record PeerRejection(string NodeName, string Reason, bool IsError = true);

/// <summary>Everything the device, routes and rules should hold, computed from the cluster alone.</summary>
public sealed record WireGuardDesiredState
{
    public NodeEncryptionState NodeEncryption { get; init; }

    /// <summary>Sorted by node name.</summary>
    public ImmutableArray<DesiredPeer> Peers { get; init; } = [];

    public ImmutableArray<PeerRejection> Rejections { get; init; } = [];

    /// <summary>Prefixes claimed by two nodes: kept on the first node by name, reported here.</summary>
    public ImmutableArray<string> Conflicts { get; init; } = [];

    /// <summary>Destinations routed through the device (remote pod CIDRs; node IPs with node encryption). Sorted.</summary>
    public ImmutableArray<IPNetwork> Routes { get; init; } = [];
}
