using Encryption.WireGuard.Desired;
using Encryption.WireGuard.Keys;
using Encryption.WireGuard.Model;
using System.Net;

namespace Encryption.WireGuard.Reconcile;

/// <summary>
/// Diffs the device as read back against the desired state into ordered operations that never drop traffic:
/// <list type="number">
/// <item>device settings;</item>
/// <item>additions: new peers with all their prefixes, and only the missing prefixes of live peers (adding a prefix
///   moves it atomically from whichever peer held it, so a pod IP moving nodes or a node's new key never leaves a gap);</item>
/// <item>stale prefixes off live peers, never by replacing their list (cilium/cilium#33159): one by one with
///   <c>REMOVE_ME</c> where the device supports it, else Cilium's trick: hand them to the all-zero dummy peer, then
///   remove the dummy;</item>
/// <item>peers nobody wants any more.</item>
/// </list>
/// An up-to-date device gives an empty plan, so applying a plan twice is harmless. Pure: no I/O.
/// </summary>
public static class PeerPlanner
{
    public static IReadOnlyList<DeviceOperation> Plan(WireGuardDevice observed, WireGuardDesiredState desired, DesiredDevice device, bool canRemoveAllowedIps)
    {
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(device);
        var operations = new List<DeviceOperation>();

        var settings = DeviceSettings(observed, device);
        if (!settings.IsEmpty)
            operations.Add(new DeviceOperation(OperationKind.ConfigureDevice, settings, "set " + DescribeSettings(settings)));

        var observedByKey = observed.Peers.ToDictionary(p => p.PublicKey);
        var upserts = new List<PeerConfig>();
        foreach (var peer in desired.Peers)
        {
            if (Upsert(peer, observedByKey.GetValueOrDefault(peer.PublicKey), device.PersistentKeepalive) is { } change)
                upserts.Add(change);
        }

        if (upserts.Count > 0)
        {
            var added = upserts.Count(u => !u.UpdateOnly);
            operations.Add(new DeviceOperation(OperationKind.UpsertPeers, new DeviceConfig { Peers = upserts },
                $"add {added} peer(s), update {upserts.Count - added} ({upserts.Sum(u => u.AllowedIPs.Count)} prefixes added)"));
        }

        var stale = StalePrefixes(observedByKey, desired);
        if (stale.Count > 0)
        {
            var count = stale.Sum(s => s.Prefixes.Count);
            operations.Add(canRemoveAllowedIps
                ? new DeviceOperation(OperationKind.RemoveAllowedIps,
                    new DeviceConfig { Peers = [.. stale.Select(s => new PeerConfig { PublicKey = s.Key, UpdateOnly = true, RemoveAllowedIPs = s.Prefixes })] },
                    $"remove {count} stale prefix(es) from {stale.Count} peer(s)")
                : new DeviceOperation(OperationKind.RemoveAllowedIps,
                    new DeviceConfig
                    {
                        Peers =
                        [
                            new PeerConfig { PublicKey = PublicKey.Zero, AllowedIPs = [.. stale.SelectMany(s => s.Prefixes)] },
                            new PeerConfig { PublicKey = PublicKey.Zero, Remove = true },
                        ],
                    },
                    $"remove {count} stale prefix(es) from {stale.Count} peer(s) through the dummy peer"));
        }

        var wanted = desired.Peers.Select(p => p.PublicKey).ToHashSet();
        var removals = observed.Peers.Where(p => !wanted.Contains(p.PublicKey)).Select(p => new PeerConfig { PublicKey = p.PublicKey, Remove = true }).ToList();
        if (removals.Count > 0)
            operations.Add(new DeviceOperation(OperationKind.RemovePeers, new DeviceConfig { Peers = removals },
                $"remove {removals.Count} peer(s): {string.Join(", ", removals.Select(r => r.PublicKey))}"));
        return operations;
    }

    private static DeviceConfig DeviceSettings(WireGuardDevice observed, DesiredDevice device) => new()
    {
        PrivateKey = observed.PublicKey != device.PrivateKey.PublicKey || observed.PrivateKey is null ? device.PrivateKey : null,
        ListenPort = observed.ListenPort != device.ListenPort ? device.ListenPort : null,
        FirewallMark = observed.FirewallMark != device.FirewallMark ? device.FirewallMark : null,
    };

    private static string DescribeSettings(DeviceConfig settings)
    {
        var parts = new List<string>();
        if (settings.PrivateKey is { } key)
            parts.Add($"private key (public key {key.PublicKey})");
        if (settings.ListenPort is { } port)
            parts.Add($"listen port {port}");
        if (settings.FirewallMark is { } mark)
            parts.Add($"fwmark 0x{mark:x}");
        return string.Join(", ", parts);
    }

    private static PeerConfig? Upsert(DesiredPeer peer, WireGuardPeer? current, TimeSpan keepalive)
    {
        if (current is null)
        {
            return new PeerConfig
            {
                PublicKey = peer.PublicKey,
                Endpoint = peer.Endpoint,
                PersistentKeepalive = keepalive > TimeSpan.Zero ? keepalive : null,
                AllowedIPs = peer.AllowedIPs,
            };
        }

        var have = current.AllowedIPs.ToHashSet();
        var missing = peer.AllowedIPs.Where(p => !have.Contains(p)).ToList();
        var endpointChanged = !SameEndpoint(current.Endpoint, peer.Endpoint);
        var keepaliveChanged = WholeSeconds(current.PersistentKeepalive) != WholeSeconds(keepalive);
        if (missing.Count == 0 && !endpointChanged && !keepaliveChanged)
            return null;
        return new PeerConfig
        {
            PublicKey = peer.PublicKey,
            UpdateOnly = true,
            Endpoint = endpointChanged ? peer.Endpoint : null,
            PersistentKeepalive = keepaliveChanged ? keepalive : null,
            AllowedIPs = missing,
        };
    }

    /// <summary>Per live, wanted peer: prefixes it holds that nobody wants (prefixes another peer wants were moved by step 2).</summary>
    private static List<(PublicKey Key, List<IPNetwork> Prefixes)> StalePrefixes(Dictionary<PublicKey, WireGuardPeer> observed, WireGuardDesiredState desired)
    {
        var wantedAnywhere = desired.Peers.SelectMany(p => p.AllowedIPs).ToHashSet();
        var result = new List<(PublicKey, List<IPNetwork>)>();
        foreach (var peer in desired.Peers)
        {
            if (!observed.TryGetValue(peer.PublicKey, out var current))
                continue;
            var stale = current.AllowedIPs.Where(p => !wantedAnywhere.Contains(p)).ToList();
            if (stale.Count > 0)
                result.Add((peer.PublicKey, stale));
        }

        return result;
    }

    private static bool SameEndpoint(IPEndPoint? a, IPEndPoint b) =>
        a is not null && a.Port == b.Port && Normalize(a.Address).Equals(Normalize(b.Address));

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static long WholeSeconds(TimeSpan value) => (long)value.TotalSeconds;
}
