using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using Encryption.Core.Cluster;
using Encryption.IPsec.Keys;
using Encryption.IPsec.Rotation;

using Encryption.Core.Configuration;

namespace Encryption.IPsec.Planning;

/// <summary>Computes the tunnels from a cluster snapshot and the key ring. Pure: no I/O, no clock.</summary>
public static class TunnelPlanner
{
    public static TunnelPlan Plan(ClusterSnapshot snapshot, KeyRing ring, IPsecPlanOptions options)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(options);
        if (ring.Current is null)
            return TunnelPlan.Empty;
        var local = snapshot.Local;
        if (!KeyDerivation.IsUsableBootId(local.BootId))
            throw new InvalidOperationException($"IPSec requires a valid BootID: local node {local.Name} has \"{local.BootId}\" (at least 36 characters needed)");

        var tunnels = ImmutableArray.CreateBuilder<Tunnel>();
        var skipped = ImmutableArray.CreateBuilder<SkippedNode>();
        var inKeys = ring.Keys.Select(k => k.Spi).ToImmutableArray();
        foreach (var remote in snapshot.Remotes.Values)
        {
            var reason = WhySkipped(local, remote, options);
            if (reason is not null)
            {
                skipped.Add(new SkippedNode(remote.Name, reason));
                continue;
            }

            var outKey = RotationPolicy.OutKeyFor(ring, remote.IPsecKeyId)!.Spi;
            var added = false;
            foreach (var family in Families(options))
            {
                var localAddress = AddressOf(local, family);
                var remoteAddress = AddressOf(remote, family);
                if (localAddress is null || remoteAddress is null)
                    continue;
                var remoteSelectors = remote.PodCidrs.Where(c => c.BaseAddress.AddressFamily == family).ToList();
                if (options.NodeEncryption)
                    remoteSelectors.Add(new IPNetwork(remoteAddress, family == AddressFamily.InterNetwork ? 32 : 128));
                tunnels.Add(new Tunnel
                {
                    RemoteName = remote.Name,
                    Family = family,
                    LocalAddress = localAddress,
                    RemoteAddress = remoteAddress,
                    LocalNodeId = local.NodeId,
                    RemoteNodeId = remote.NodeId,
                    LocalBootId = local.BootId!,
                    RemoteBootId = remote.BootId!,
                    RemoteSelectors = [.. remoteSelectors],
                    LocalSelectors = [.. local.PodCidrs.Where(c => c.BaseAddress.AddressFamily == family)],
                    OutKeyId = outKey,
                    InKeyIds = inKeys,
                });
                added = true;
            }

            if (!added)
                skipped.Add(new SkippedNode(remote.Name, "no address family in common with the local node"));
        }

        return new TunnelPlan(tunnels.ToImmutable(), skipped.ToImmutable());
    }

    private static string? WhySkipped(Node local, Node remote, IPsecPlanOptions options)
    {
        if (!KeyDerivation.IsUsableBootId(remote.BootId))
            return "no boot ID published yet (keys cannot be derived)";
        if (remote.NodeId == 0)
            return "no node ID assigned";
        if (remote.NodeId == local.NodeId)
            return $"node ID {remote.NodeId} is also the local node's";
        if (options.Mode == IPsecPolicyMode.Selector && local.NodeId == 0)
            return "the local node has no node ID (selector mode puts it in the SPI)";
        return null;
    }

    private static IEnumerable<AddressFamily> Families(IPsecPlanOptions options)
    {
        if (options.IPv4)
            yield return AddressFamily.InterNetwork;
        if (options.IPv6)
            yield return AddressFamily.InterNetworkV6;
    }

    private static IPAddress? AddressOf(Node node, AddressFamily family) =>
        family == AddressFamily.InterNetwork ? node.IPv4 : node.IPv6;
}
