using System.Net;
using Encryption.Core.Cluster;

namespace Encryption.IPsec.Tests.Planning;

/// <summary>Lab-shaped nodes: node N has 192.168.100.N, fd00:100::N, pod CIDR 10.N.0.0/24 and fd00:10:N::/64.</summary>
internal static class Nodes
{
    public static Node Lab(int n, byte keyId = 0, bool ipv6 = true, string? bootId = null) => new()
    {
        Name = $"node{n}",
        NodeId = (ushort)n,
        IPv4 = IPAddress.Parse($"192.168.100.{n}"),
        IPv6 = ipv6 ? IPAddress.Parse($"fd00:100::{n}") : null,
        PodCidrs = ipv6 ? [IPNetwork.Parse($"10.{n}.0.0/24"), IPNetwork.Parse($"fd00:10:{n}::/64")] : [IPNetwork.Parse($"10.{n}.0.0/24")],
        BootId = bootId ?? $"00000000-0000-0000-0000-{n:D12}",
        IPsecKeyId = keyId,
    };
}
