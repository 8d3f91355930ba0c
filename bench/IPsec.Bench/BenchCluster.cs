using System.Globalization;
using System.Net;
using Encryption.Core.Cluster;

namespace IPsec.Bench;

/// <summary>A synthetic cluster: node i has underlay 172.16.(i/250).(i%250+1), pod CIDR 10.(i/256).(i%256).0/24, node ID i.</summary>
internal static class BenchCluster
{
    public static Node Node(int i) => new()
    {
        Name = string.Create(CultureInfo.InvariantCulture, $"node{i:D5}"),
        NodeId = (ushort)i,
        IPv4 = IPAddress.Parse(string.Create(CultureInfo.InvariantCulture, $"172.16.{i / 250}.{i % 250 + 1}")),
        PodCidrs = [IPNetwork.Parse(string.Create(CultureInfo.InvariantCulture, $"10.{i / 256}.{i % 256}.0/24"))],
        BootId = string.Create(CultureInfo.InvariantCulture, $"6a1b2c3d-0000-4000-8000-{i:D12}"),
        IPsecKeyId = 3,
    };

    /// <summary>Node 1 is local; nodes 2..remotes+1 are remote.</summary>
    public static ClusterSnapshot Snapshot(int remotes) =>
        ClusterSnapshot.Of(Node(1), Enumerable.Range(2, remotes).Select(Node));
}
