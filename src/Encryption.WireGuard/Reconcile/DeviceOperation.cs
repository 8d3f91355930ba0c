using Encryption.WireGuard.Model;

namespace Encryption.WireGuard.Reconcile;

/// <summary>What one step of a plan does. Steps run in this order, so nothing is removed before its replacement exists.</summary>
public enum OperationKind
{
    /// <summary>Private key, listen port, fwmark.</summary>
    ConfigureDevice,

    /// <summary>New peers, and prefixes/endpoint/keepalive added to existing ones (additive only).</summary>
    UpsertPeers,

    /// <summary>Stale prefixes taken off live peers: directly (REMOVE_ME) or through the dummy peer.</summary>
    RemoveAllowedIps,

    /// <summary>Peers of nodes that are gone, rejected, or whose key changed.</summary>
    RemovePeers,
}

/// <summary>One idempotent device change. <see cref="Description"/> names public keys and counts only, never private keys.</summary>
public sealed record DeviceOperation(OperationKind Kind, DeviceConfig Config, string Description);
