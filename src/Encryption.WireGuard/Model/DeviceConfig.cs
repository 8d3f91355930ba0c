using Encryption.WireGuard.Keys;

namespace Encryption.WireGuard.Model;

/// <summary>
/// A change to a device. Optional means "don't touch": only fields that are set are applied.
/// Peers are applied in list order, so a config can add before it removes.
/// Same as: <c>wg set</c> (and <c>wg setconf</c> with <see cref="ReplacePeers"/>).
/// </summary>
public sealed record DeviceConfig
{
    public PrivateKey? PrivateKey { get; init; }

    public int? ListenPort { get; init; }

    public uint? FirewallMark { get; init; }

    /// <summary>Remove every peer first (<c>WGDEVICE_F_REPLACE_PEERS</c>, UAPI <c>replace_peers=true</c>).</summary>
    public bool ReplacePeers { get; init; }

    public IReadOnlyList<PeerConfig> Peers { get; init; } = [];

    /// <summary>True when applying this changes nothing.</summary>
    public bool IsEmpty => PrivateKey is null && ListenPort is null && FirewallMark is null && !ReplacePeers && Peers.Count == 0;
}
