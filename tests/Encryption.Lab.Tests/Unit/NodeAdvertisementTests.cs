using Encryption.Agent.LocalNode;
using Encryption.Core.Cluster;
using System.Collections.Immutable;
using System.Net;

namespace Encryption.Lab.Tests.Unit;

/// <summary>The agent's own node against what the cluster source holds.</summary>
public sealed class NodeAdvertisementTests
{
    private static readonly Node Advertised = new()
    {
        Name = "node1",
        IPv4 = IPAddress.Parse("192.168.100.1"),
        PodCidrs = [IPNetwork.Parse("10.1.0.0/24")],
        BootId = "0b5e6f3c-3f6a-4a4e-9d7b-6f1d2c3b4a59",
        IPsecKeyId = 3,
        Annotations = ImmutableDictionary<string, string>.Empty.Add(WellKnown.WireGuardPublicKeyAnnotation, "PUB="),
    };

    [Fact]
    public void ANodeReadBackFromTheStoreCoversWhatWasPublishedThoughItsListsAreOtherInstances()
    {
        var readBack = Advertised with { PodCidrs = [IPNetwork.Parse("10.1.0.0/24")], BootId = Advertised.BootId!.ToUpperInvariant() };

        Assert.True(NodeAdvertisement.IsCoveredBy(Advertised, readBack));
    }

    [Fact]
    public void AMissingNodeIsNotCovered()
    {
        Assert.False(NodeAdvertisement.IsCoveredBy(Advertised, null));
    }

    [Fact]
    public void AChangedKeyIdOrPublicKeyIsNotCovered()
    {
        Assert.False(NodeAdvertisement.IsCoveredBy(Advertised, Advertised with { IPsecKeyId = 4 }));
        Assert.False(NodeAdvertisement.IsCoveredBy(Advertised, Advertised with { Annotations = ImmutableDictionary<string, string>.Empty }));
    }

    [Fact]
    public void FieldsTheAgentLeavesEmptyAreTheSourcesAndDoNotCount()
    {
        var onlyKeys = new Node { Name = "node1", IPsecKeyId = 3 };
        var ciliumNode = Advertised with { Labels = ImmutableDictionary<string, string>.Empty.Add("zone", "a") };

        Assert.True(NodeAdvertisement.IsCoveredBy(onlyKeys, ciliumNode));
        var local = NodeAdvertisement.Overlay(onlyKeys, ciliumNode);
        Assert.Equal(IPAddress.Parse("192.168.100.1"), local.IPv4);
        Assert.Equal("a", local.Labels["zone"]);
        Assert.Equal("PUB=", local.WireGuardPublicKey);
    }

    [Fact]
    public void WhatTheAgentAdvertisesWinsOverAStaleObject()
    {
        var stale = Advertised with { IPsecKeyId = 2, IPv4 = IPAddress.Parse("192.168.100.99") };

        var local = NodeAdvertisement.Overlay(Advertised, stale);

        Assert.Equal(3, local.IPsecKeyId);
        Assert.Equal(IPAddress.Parse("192.168.100.1"), local.IPv4);
    }
}
