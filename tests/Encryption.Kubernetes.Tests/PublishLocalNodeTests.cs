using System.Text.Json.Nodes;
using Encryption.Core.Cluster;
using Encryption.Kubernetes.Api;
using Encryption.Kubernetes.Tests.ApiServer;
using Encryption.Kubernetes.Tests.Support;

namespace Encryption.Kubernetes.Tests;

public sealed class PublishLocalNodeTests
{
    private static async Task<Harness> ClusterAsync()
    {
        var harness = await Harness.StartAsync();
        var a = Objects.CiliumNode("node-a", "192.168.100.1", podCidr: "10.1.0.0/24", bootId: "boot-a", keyId: 3, wgKey: Objects.WgKeyA);
        a["metadata"]!["annotations"]!["io.cilium/other"] = "kept";
        harness.Server.Put(ApiResource.CiliumNodes, a);
        harness.Server.Put(ApiResource.CiliumNodes, Objects.CiliumNode("node-b", "192.168.100.2", bootId: "boot-b", keyId: 3));
        return harness;
    }

    private static Node Advertising(Node node, byte keyId, string? wgKey, string? bootId) => node with
    {
        IPsecKeyId = keyId,
        BootId = bootId,
        Annotations = wgKey is null
            ? node.Annotations.Remove(WellKnown.WireGuardPublicKeyAnnotation)
            : node.Annotations.SetItem(WellKnown.WireGuardPublicKeyAnnotation, wgKey),
    };

    [Fact]
    public async Task PublishMergePatchesTheOwnCiliumNodeAndKeepsEverythingElse()
    {
        await using var harness = await ClusterAsync();
        var source = await harness.StartSourceAsync("node-a");
        var nodeB = harness.Server.Store.Get(ApiResource.CiliumNodes, null, "node-b")!;

        await source.PublishLocalNodeAsync(Advertising(source.Current.Nodes["node-a"], 4, Objects.WgKeyB, "boot-a2"), default);

        var patch = Assert.Single(harness.Server.Requests, r => r.Verb == "patch");
        Assert.Equal(("node-a", "application/merge-patch+json"), (patch.Name, patch.ContentType));
        var stored = harness.Server.Store.Get(ApiResource.CiliumNodes, null, "node-a")!;
        Assert.Equal(Objects.WgKeyB, (string?)stored["metadata"]!["annotations"]![WellKnown.WireGuardPublicKeyAnnotation]);
        Assert.Equal("kept", (string?)stored["metadata"]!["annotations"]!["io.cilium/other"]);
        Assert.Equal(4, (int)stored["spec"]!["encryption"]!["key"]!);
        Assert.Equal("boot-a2", (string?)stored["spec"]!["bootid"]);
        Assert.Equal("192.168.100.1", (string?)stored["spec"]!["addresses"]![1]!["ip"]);
        Assert.Equal("10.1.0.0/24", (string?)stored["spec"]!["ipam"]!["podCIDRs"]![0]);
        Assert.Equal("node-a", (string?)stored["spec"]!["instance-id"]);
        Assert.NotNull(stored["status"]!["ipam"]);
        Assert.True(JsonNode.DeepEquals(nodeB, harness.Server.Store.Get(ApiResource.CiliumNodes, null, "node-b")));
        await Eventually.True(() => source.Current.Nodes["node-a"].IPsecKeyId == 4, "the watch to show the published key");
    }

    [Fact]
    public async Task PublishOfAnotherNodeIsRefusedWithoutARequest()
    {
        await using var harness = await ClusterAsync();
        var source = await harness.StartSourceAsync("node-a");
        var before = harness.Server.Requests.Count;

        var e = await Assert.ThrowsAsync<InvalidOperationException>(
            () => source.PublishLocalNodeAsync(Advertising(source.Current.Nodes["node-b"], 9, null, "x"), default));

        Assert.Contains("'node-b'", e.Message);
        Assert.Contains("only CiliumNode 'node-a'", e.Message);
        Assert.DoesNotContain(harness.Server.Requests.Skip(before), r => r.Verb is "patch" or "create");
    }

    [Fact]
    public async Task PublishIsSkippedWhenTheNodeAlreadyAdvertisesTheLocalState()
    {
        await using var harness = await ClusterAsync();
        var source = await harness.StartSourceAsync("node-a");

        await source.PublishLocalNodeAsync(source.Current.Nodes["node-a"], default);

        Assert.DoesNotContain(harness.Server.Requests, r => r.Verb == "patch");
    }

    [Fact]
    public async Task NodeNoLongerAdvertisingAWireGuardKeyRemovesTheAnnotation()
    {
        await using var harness = await ClusterAsync();
        var source = await harness.StartSourceAsync("node-a");

        await source.PublishLocalNodeAsync(Advertising(source.Current.Nodes["node-a"], 5, null, "boot-a"), default);

        var annotations = harness.Server.Store.Get(ApiResource.CiliumNodes, null, "node-a")!["metadata"]!["annotations"]!.AsObject();
        Assert.False(annotations.ContainsKey(WellKnown.WireGuardPublicKeyAnnotation));
        Assert.Equal("kept", (string?)annotations["io.cilium/other"]);
    }

    [Fact]
    public async Task ForbiddenPatchNamesTheVerbResourceNodeAndTheMissingRule()
    {
        await using var harness = await ClusterAsync();
        harness.Server.Authorize = r => r.Verb != "patch";
        var source = await harness.StartSourceAsync("node-a");

        var e = await Assert.ThrowsAsync<KubernetesForbiddenException>(
            () => source.PublishLocalNodeAsync(Advertising(source.Current.Nodes["node-a"], 4, Objects.WgKeyA, "boot-a"), default));

        Assert.Contains("forbidden to patch ciliumnodes.cilium.io \"node-a\"", e.Message);
        Assert.Contains("ClusterRole", e.Message);
        Assert.Contains("{apiGroups: [\"cilium.io\"], resources: [\"ciliumnodes\"], verbs: [\"patch\"]}", e.Message);
        Assert.Contains("cannot patch resource \"ciliumnodes\" in API group \"cilium.io\" at the cluster scope", e.Message);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, e.StatusCode);
    }

    [Fact]
    public async Task MissingOwnNodeIsCreatedOnlyWhenAllowed()
    {
        await using var harness = await ClusterAsync();
        var local = new Node
        {
            Name = "node-z",
            IPv4 = System.Net.IPAddress.Parse("192.168.100.26"),
            PodCidrs = [System.Net.IPNetwork.Parse("10.26.0.0/24")],
            BootId = "boot-z",
            IPsecKeyId = 2,
        };
        var strict = await harness.StartSourceAsync("node-z");
        var missing = await Assert.ThrowsAsync<KubernetesApiException>(() => strict.PublishLocalNodeAsync(local, default));
        Assert.True(missing.IsNotFound);

        var creating = new Kubernetes.Cluster.KubernetesClusterSource(
            harness.Client, new() { NodeName = "node-z", CreateLocalNodeIfMissing = true }, harness.Time);
        await creating.PublishLocalNodeAsync(local, default);

        var stored = harness.Server.Store.Get(ApiResource.CiliumNodes, null, "node-z")!;
        Assert.Equal("InternalIP", (string?)stored["spec"]!["addresses"]![0]!["type"]);
        Assert.Equal("192.168.100.26", (string?)stored["spec"]!["addresses"]![0]!["ip"]);
        Assert.Equal("10.26.0.0/24", (string?)stored["spec"]!["ipam"]!["podCIDRs"]![0]);
        Assert.Equal(2, (int)stored["spec"]!["encryption"]!["key"]!);
        Assert.Equal("boot-z", (string?)stored["spec"]!["bootid"]);
    }
}
