using Encryption.Core.Cluster;
using Encryption.WireGuard.Keys;
using Encryption.WireGuard.Model;
using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;

namespace Encryption.WireGuard.Desired;

/// <summary>
/// The pure heart of the backend: cluster snapshot + options + own public key in, desired peers and routes out.
/// No I/O. Follows Cilium's agent (pkg/wireguard/agent): skip nodes without a key, refuse the all-zero and duplicate
/// keys, endpoint = node IP:51871 with IPv4 preferred, node IPs always in allowed IPs, pod IPs in native routing.
/// </summary>
public static class DesiredStateBuilder
{
    public static WireGuardDesiredState Compute(ClusterSnapshot snapshot, WireGuardOptions options, PublicKey ownKey)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(options);
        var optOut = LabelSelector.Parse(options.NodeEncryptionOptOutLabels);
        var localState = !options.NodeEncryption ? NodeEncryptionState.Disabled
            : optOut.Matches(snapshot.Local.Labels) ? NodeEncryptionState.OptedOut
            : NodeEncryptionState.Enabled;

        var rejections = ImmutableArray.CreateBuilder<PeerRejection>();
        var candidates = new List<(Node Node, PublicKey Key)>();
        foreach (var node in snapshot.Remotes.Values)
        {
            if (node.Name == snapshot.Local.Name)
                continue;
            if (string.IsNullOrEmpty(node.WireGuardPublicKey))
            {
                rejections.Add(new PeerRejection(node.Name, "no WireGuard public key published yet", IsError: false));
                continue;
            }

            if (!PublicKey.TryFromBase64(node.WireGuardPublicKey, out var key))
                rejections.Add(new PeerRejection(node.Name, $"public key \"{node.WireGuardPublicKey}\" is not 32 bytes of base64"));
            else if (key.IsZero)
                rejections.Add(new PeerRejection(node.Name, "the all-zero public key is not allowed (reserved for the dummy peer)"));
            else if (key == ownKey)
                rejections.Add(new PeerRejection(node.Name, "public key is this node's own key"));
            else
                candidates.Add((node, key));
        }

        var duplicates = candidates.GroupBy(c => c.Key).Where(g => g.Count() > 1).ToDictionary(g => g.Key, g => g.Select(c => c.Node.Name).ToList());
        var prefixOwners = new Dictionary<IPNetwork, string>();
        var conflicts = ImmutableArray.CreateBuilder<string>();
        var peers = ImmutableArray.CreateBuilder<DesiredPeer>();
        var routes = new SortedSet<IPNetwork>(PrefixComparer.Instance);
        foreach (var (node, key) in candidates)
        {
            if (duplicates.TryGetValue(key, out var sharing))
            {
                rejections.Add(new PeerRejection(node.Name, $"duplicate public key {key}, also published by {string.Join(", ", sharing.Where(n => n != node.Name))}"));
                continue;
            }

            var endpointAddress = options.EnableIPv4 && node.IPv4 is not null ? node.IPv4 : options.EnableIPv6 ? node.IPv6 : null;
            if (endpointAddress is null)
            {
                rejections.Add(new PeerRejection(node.Name, "missing node IP for an enabled address family"));
                continue;
            }

            var allowed = new SortedSet<IPNetwork>(PrefixComparer.Instance);
            foreach (var address in node.Addresses.Where(a => FamilyEnabled(options, a)))
                allowed.Add(Prefixes.Host(address));
            foreach (var prefix in RemotePrefixes(snapshot, node, options))
            {
                if (!FamilyEnabled(options, prefix.BaseAddress))
                    continue;
                if (prefixOwners.TryGetValue(prefix, out var owner) && owner != node.Name)
                {
                    conflicts.Add($"{prefix} is claimed by {owner} and {node.Name}; kept on {owner}");
                    continue;
                }

                prefixOwners[prefix] = node.Name;
                allowed.Add(prefix);
            }

            var nodeEncryption = localState == NodeEncryptionState.Enabled && !optOut.Matches(node.Labels);
            peers.Add(new DesiredPeer
            {
                NodeName = node.Name,
                PublicKey = key,
                Endpoint = new IPEndPoint(endpointAddress, options.ListenPort),
                AllowedIPs = [.. allowed],
                NodeEncryption = nodeEncryption,
            });

            if (options.AllowedIps != AllowedIpsMode.NodeIpsOnly)
            {
                foreach (var cidr in node.PodCidrs.Where(c => FamilyEnabled(options, c.BaseAddress)))
                    routes.Add(cidr);
            }

            if (nodeEncryption)
            {
                foreach (var address in node.Addresses.Where(a => FamilyEnabled(options, a)))
                    routes.Add(Prefixes.Host(address));
            }
        }

        return new WireGuardDesiredState
        {
            NodeEncryption = localState,
            Peers = peers.ToImmutable(),
            Rejections = rejections.ToImmutable(),
            Conflicts = conflicts.ToImmutable(),
            Routes = [.. routes],
        };
    }

    private static IEnumerable<IPNetwork> RemotePrefixes(ClusterSnapshot snapshot, Node node, WireGuardOptions options) => options.AllowedIps switch
    {
        AllowedIpsMode.PodCidrs => node.PodCidrs,
        AllowedIpsMode.PodIps => node.PodIps
            .Concat(snapshot.Pods.Values.Where(p => p.NodeName == node.Name && !p.HostNetwork).SelectMany(p => p.Ips))
            .Where(ip => !node.Addresses.Contains(ip))
            .Select(Prefixes.Host),
        _ => [],
    };

    private static bool FamilyEnabled(WireGuardOptions options, IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetwork ? options.EnableIPv4 : options.EnableIPv6;
}

/// <summary>Orders prefixes: IPv4 before IPv6, then by address bytes, then by length.</summary>
public sealed class PrefixComparer : IComparer<IPNetwork>
{
    public static readonly PrefixComparer Instance = new();

    public int Compare(IPNetwork x, IPNetwork y)
    {
        var family = x.BaseAddress.AddressFamily.CompareTo(y.BaseAddress.AddressFamily);
        if (family != 0)
            return family;
        Span<byte> a = stackalloc byte[16];
        Span<byte> b = stackalloc byte[16];
        x.BaseAddress.TryWriteBytes(a, out var la);
        y.BaseAddress.TryWriteBytes(b, out var lb);
        var bytes = a[..la].SequenceCompareTo(b[..lb]);
        return bytes != 0 ? bytes : x.PrefixLength.CompareTo(y.PrefixLength);
    }
}
