using Encryption.Core.Cluster;
using Encryption.WireGuard.Keys;
using System.Collections.Immutable;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Encryption.WireGuard.Tests.Support;

/// <summary>Lab-shaped nodes: node N has 192.168.100.N, fd00:100::N, pod CIDR 10.N.0.0/24, a key derived from its name.</summary>
internal static class TestNodes
{
    public static PublicKey KeyOf(string name) => new(SHA256.HashData(Encoding.UTF8.GetBytes(name)));

    public static Node Node(int n, string? key = "derived", bool controlPlane = false, bool ipv6 = true, params string[] podIps)
    {
        var name = $"node-{n}";
        var labels = ImmutableDictionary<string, string>.Empty;
        if (controlPlane)
            labels = labels.Add("node-role.kubernetes.io/control-plane", "");
        var annotations = ImmutableDictionary<string, string>.Empty;
        if (key is not null)
            annotations = annotations.Add(WellKnown.WireGuardPublicKeyAnnotation, key == "derived" ? KeyOf(name).ToBase64() : key);
        return new Node
        {
            Name = name,
            IPv4 = IPAddress.Parse($"192.168.100.{n}"),
            IPv6 = ipv6 ? IPAddress.Parse($"fd00:100::{n}") : null,
            PodCidrs = [IPNetwork.Parse($"10.{n}.0.0/24")],
            PodIps = [.. podIps.Select(IPAddress.Parse)],
            Labels = labels,
            Annotations = annotations,
        };
    }
}
