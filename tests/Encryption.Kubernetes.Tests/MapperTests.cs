using System.Net;
using System.Net.Sockets;
using Encryption.Core.Cluster;
using Encryption.Kubernetes.Cluster;
using Encryption.Kubernetes.Models;

namespace Encryption.Kubernetes.Tests;

public sealed class MapperTests
{
    private static CiliumNode Node(params NodeAddress[] addresses) => new()
    {
        Metadata = new ObjectMeta { Name = "n" },
        Spec = new CiliumNodeSpec { Addresses = addresses },
    };

    [Fact]
    public void InternalIPIsPreferredPerFamilyUnlessCiliumInternalIPIsAsked()
    {
        var node = Node(
            new NodeAddress { Type = "CiliumInternalIP", Ip = "10.200.0.1" },
            new NodeAddress { Type = "ExternalIP", Ip = "203.0.113.7" },
            new NodeAddress { Type = "InternalIP", Ip = "192.168.100.1" },
            new NodeAddress { Type = "ExternalIP", Ip = "2001:db8::7" });

        var byInternal = CiliumNodeMapper.ToNode(node);
        var byCilium = CiliumNodeMapper.ToNode(node, useCiliumInternalIP: true);

        Assert.Equal((IPAddress.Parse("192.168.100.1"), IPAddress.Parse("2001:db8::7")), (byInternal.IPv4, byInternal.IPv6));
        Assert.Equal(IPAddress.Parse("10.200.0.1"), byCilium.IPv4);
    }

    [Fact]
    public void LegacyAnnotationAliasSuppliesTheWireGuardKey()
    {
        var node = new CiliumNode
        {
            Metadata = new ObjectMeta { Name = "n", Annotations = new Dictionary<string, string> { ["io.cilium.network.wg-pub-key"] = "alias-key" } },
            Spec = new CiliumNodeSpec { Encryption = new EncryptionSpec { Key = 255 } },
        };

        var mapped = CiliumNodeMapper.ToNode(node);

        Assert.Equal("alias-key", mapped.WireGuardPublicKey);
        Assert.Equal(255, mapped.IPsecKeyId);
    }

    [Fact]
    public void InvalidPodCidrsAndAddressesAreSkipped()
    {
        var node = Node(new NodeAddress { Type = "InternalIP", Ip = "not-an-ip" }) with
        {
            Spec = new CiliumNodeSpec
            {
                Addresses = [new NodeAddress { Type = "InternalIP", Ip = "bogus" }],
                Ipam = new IpamSpec { PodCidrs = ["10.1.0.0/24", "garbage", "fd00:1::/64"] },
            },
        };

        var mapped = CiliumNodeMapper.ToNode(node);

        Assert.Null(mapped.IPv4);
        Assert.Equal([IPNetwork.Parse("10.1.0.0/24"), IPNetwork.Parse("fd00:1::/64")], mapped.PodCidrs.ToArray());
    }

    [Theory]
    [InlineData("Succeeded", false)]
    [InlineData("Failed", false)]
    [InlineData("Pending", true)]
    [InlineData("Running", true)]
    public void FinishedPodsAreLeftOut(string phase, bool kept)
    {
        var pod = new Pod { Metadata = new ObjectMeta { Name = "p", Namespace = "ns" }, Status = new PodStatus { Phase = phase, PodIP = "10.1.0.9" } };

        var mapped = WorkloadMapper.ToPodInfo(pod);

        Assert.Equal(kept, mapped is not null);
        if (mapped is not null)
        {
            Assert.Equal([IPAddress.Parse("10.1.0.9")], mapped.Ips.ToArray());
            Assert.Equal(("default", ""), (mapped.ServiceAccount, mapped.NodeName));
        }
    }

    [Fact]
    public void LocalNodePatchCarriesTheAnnotationKeyAndBootId()
    {
        var local = new Node
        {
            Name = "node-a",
            BootId = "b-1",
            IPsecKeyId = 4,
            Annotations = System.Collections.Immutable.ImmutableDictionary<string, string>.Empty.Add(WellKnown.WireGuardPublicKeyAnnotation, "pub"),
        };

        var patch = LocalNodePatch.Build(local, current: null, publishBootId: true);

        Assert.Equal(
            """{"metadata":{"annotations":{"network.cilium.io/wg-pub-key":"pub"}},"spec":{"encryption":{"key":4},"bootid":"b-1"}}""",
            patch!.ToJsonString());
    }

    [Fact]
    public void LocalNodePatchIsNullWhenTheCiliumNodeAlreadySaysTheSame()
    {
        var local = new Node { Name = "node-a", BootId = "b-1", IPsecKeyId = 4 };
        var current = new CiliumNode
        {
            Metadata = new ObjectMeta { Name = "node-a" },
            Spec = new CiliumNodeSpec { BootId = "b-1", Encryption = new EncryptionSpec { Key = 4 } },
        };

        Assert.Null(LocalNodePatch.Build(local, current, publishBootId: true));
        Assert.NotNull(LocalNodePatch.Build(local with { IPsecKeyId = 5 }, current, publishBootId: true));
        Assert.Null(LocalNodePatch.Build(local with { BootId = "b-2" }, current, publishBootId: false));
    }

    [Fact]
    public void PickAddressReturnsNullWithoutAMatchingFamily()
    {
        Assert.Null(CiliumNodeMapper.PickAddress(
            [new NodeAddress { Type = "InternalIP", Ip = "192.168.1.1" }], ["InternalIP"], AddressFamily.InterNetworkV6));
    }
}
