using Encryption.Core.Cluster;

namespace Encryption.Core.Configuration;

/// <summary><c>encryption.wireguard.*</c>.</summary>
public sealed record WireGuardOptions
{
    /// <summary>Zero disables keepalives.</summary>
    public TimeSpan PersistentKeepalive { get; init; }

    public bool UserspaceFallback { get; init; }

    /// <summary>Persistent by default: the node keeps its key pair across reboots (Cilium's is on tmpfs).</summary>
    public string StateDirectory { get; init; } = "/var/lib/encryption-agent/wireguard";

    public string UserspaceSocketDirectory { get; init; } = "/var/run/wireguard";

    public string UserspaceBinary { get; init; } = "wireguard-go";

    /// <summary>Where the private key is persisted (Cilium: <c>/var/run/cilium/state/cilium_wg0.key</c>, lost on reboot).</summary>
    public string PrivateKeyPath => Path.Join(StateDirectory, WellKnown.WireGuardInterface + ".key");

    /// <summary>The userspace UAPI socket (<c>/var/run/wireguard/cilium_wg0.sock</c>).</summary>
    public string UserspaceSocketPath => Path.Join(UserspaceSocketDirectory, WellKnown.WireGuardInterface + ".sock");
}
