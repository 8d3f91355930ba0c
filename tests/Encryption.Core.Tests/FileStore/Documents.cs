using System.Collections.Immutable;
using System.Net;
using System.Text;
using Encryption.Core.Cluster;
using Encryption.Core.FileStore;

namespace Encryption.Core.Tests.FileStore;

/// <summary>Canonical fixtures: one node, namespace and pod, and their bytes.</summary>
internal static class Documents
{
    public static Node Node(string name, int octet = 1, string? publicKey = null) => new()
    {
        Name = name,
        IPv4 = IPAddress.Parse($"192.168.100.{octet}"),
        IPv6 = IPAddress.Parse($"fd00:100::{octet}"),
        PodCidrs = [IPNetwork.Parse($"10.{octet}.0.0/24")],
        PodIps = [IPAddress.Parse($"10.{octet}.0.10")],
        BootId = "8a2e3f4c-1111-2222-3333-44445555666" + (octet % 10),
        NodeId = (ushort)octet,
        IPsecKeyId = 3,
        Labels = ImmutableDictionary<string, string>.Empty.Add("kubernetes.io/hostname", name),
        Annotations = publicKey is null
            ? ImmutableDictionary<string, string>.Empty
            : ImmutableDictionary<string, string>.Empty.Add(WellKnown.WireGuardPublicKeyAnnotation, publicKey),
    };

    public static NamespaceInfo Namespace(string name) =>
        new(name, ImmutableDictionary<string, string>.Empty.Add(WellKnown.ZtunnelEnrollmentLabel, "true"));

    public static PodInfo Pod(string ns, string name, string node) => new()
    {
        Namespace = ns,
        Name = name,
        Uid = $"uid-{name}",
        NodeName = node,
        Ips = [IPAddress.Parse("10.1.0.10")],
        NetworkNamespacePath = $"/run/netns/{name}",
    };

    public static byte[] Bytes(Node node) => FileStoreJson.Encode(NodeDocument.From(node));

    public static byte[] Bytes(NamespaceInfo ns) => FileStoreJson.Encode(NamespaceDocument.From(ns));

    public static byte[] Bytes(PodInfo pod) => FileStoreJson.Encode(PodDocument.From(pod));

    public static byte[] Text(string json) => Encoding.UTF8.GetBytes(json);
}
