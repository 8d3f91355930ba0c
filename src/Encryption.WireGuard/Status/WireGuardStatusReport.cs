using Encryption.WireGuard.Desired;
using Encryption.WireGuard.Keys;
using System.Collections.Immutable;

namespace Encryption.WireGuard.Status;

/// <summary>One peer as status shows it (Cilium's <c>WireguardPeer</c> model). No key material but public keys.</summary>
public sealed record PeerStatus
{
    public required PublicKey PublicKey { get; init; }

    /// <summary>The node this peer stands for, when the agent knows it (not part of Cilium's JSON).</summary>
    public string? NodeName { get; init; }

    public string? Endpoint { get; init; }

    public DateTimeOffset? LastHandshake { get; init; }

    public ImmutableArray<string> AllowedIPs { get; init; } = [];

    public long TransferRx { get; init; }

    public long TransferTx { get; init; }
}

/// <summary>The device as status shows it (Cilium's <c>WireguardInterface</c>).</summary>
public sealed record InterfaceStatus
{
    public required string Name { get; init; }

    public int ListenPort { get; init; }

    public PublicKey? PublicKey { get; init; }

    public int PeerCount { get; init; }

    public ImmutableArray<PeerStatus> Peers { get; init; } = [];
}

/// <summary>
/// Everything <c>status</c>, <c>debuginfo</c> and metrics report for the WireGuard backend, taken from one device read
/// plus the last desired state. Rendered by <see cref="StatusFormatter"/>.
/// </summary>
public sealed record WireGuardStatusReport
{
    public NodeEncryptionState NodeEncryption { get; init; }

    public string NodeEncryptOptOutLabels { get; init; } = string.Empty;

    /// <summary>Empty when the device could not be read (see <see cref="Message"/>).</summary>
    public ImmutableArray<InterfaceStatus> Interfaces { get; init; } = [];

    /// <summary>An error that replaces the bracket of the status line (Cilium's <c>msg</c>).</summary>
    public string? Message { get; init; }

    public ImmutableArray<PeerRejection> Rejections { get; init; } = [];

    public ImmutableArray<string> Problems { get; init; } = [];

    public required WireGuardMetrics Metrics { get; init; }
}
