using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Encryption.Kubernetes.Api;
using Encryption.Kubernetes.Config;
using Encryption.Kubernetes.Http;
using Encryption.Kubernetes.Models;
using Encryption.Kubernetes.Tests.ApiServer;
using Encryption.Kubernetes.Tests.Support;

namespace Encryption.Kubernetes.Tests;

public sealed class ApiClientTests
{
    [Fact]
    public async Task MergePatchNullDeletesAKeyAndNestedObjectsMerge()
    {
        await using var harness = await Harness.StartAsync();
        harness.Server.Put(ApiResource.CiliumNodes, Objects.CiliumNode("node-a", "192.168.100.1", keyId: 1, labels: new() { ["a"] = "1", ["b"] = "2" }));
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["a"] = null, ["c"] = "3" } },
            ["spec"] = new JsonObject { ["encryption"] = new JsonObject { ["key"] = 2 } },
        };

        var node = await harness.Client.PatchAsync(ResourceTypes.CiliumNodes, null, "node-a", patch, default);

        Assert.Equal(new Dictionary<string, string> { ["b"] = "2", ["c"] = "3" }, node.Metadata.Labels);
        Assert.Equal(2, node.Spec.Encryption!.Key);
        Assert.Equal("192.168.100.1", node.Spec.Addresses![1].Ip);
    }

    [Fact]
    public async Task PatchConditionalOnAStaleResourceVersionIsAConflict()
    {
        await using var harness = await Harness.StartAsync();
        harness.Server.Put(ApiResource.CiliumNodes, Objects.CiliumNode("node-a", "192.168.100.1"));
        var stale = new JsonObject { ["metadata"] = new JsonObject { ["resourceVersion"] = "1" } };

        var e = await Assert.ThrowsAsync<KubernetesApiException>(
            () => harness.Client.PatchAsync(ResourceTypes.CiliumNodes, null, "node-a", stale, default));

        Assert.True(e.IsConflict);
        Assert.Equal("Conflict", e.Reason);
        Assert.Contains("the object has been modified", e.Message);
    }

    [Fact]
    public async Task NotFoundNamesTheRequestAndQuotesTheServer()
    {
        await using var harness = await Harness.StartAsync();

        var e = await Assert.ThrowsAsync<KubernetesApiException>(
            () => harness.Client.GetAsync(ResourceTypes.Secrets, "kube-system", "nope", default));

        Assert.True(e.IsNotFound);
        Assert.Equal(
            "Kubernetes API: get secrets \"nope\" in namespace \"kube-system\" failed with 404 NotFound: secrets \"nope\" not found",
            e.Message);
    }

    [Fact]
    public async Task ForbiddenListInAllNamespacesSuggestsAClusterRoleRule()
    {
        await using var harness = await Harness.StartAsync();
        harness.Server.Authorize = r => r.Resource != ApiResource.Pods;

        var e = await Assert.ThrowsAsync<KubernetesForbiddenException>(
            () => harness.Client.ListAsync(ResourceTypes.Pods, ResourceQuery.All, 100, default));

        Assert.StartsWith("Kubernetes API: forbidden to list pods in all namespaces. Bind the agent's identity to a ClusterRole", e.Message);
        Assert.Equal("{apiGroups: [\"\"], resources: [\"pods\"], verbs: [\"list\"]}", e.SuggestedRule);
    }

    [Fact]
    public async Task ForbiddenNamespacedReadSuggestsARoleInThatNamespace()
    {
        await using var harness = await Harness.StartAsync();
        harness.Server.Authorize = r => r.Resource != ApiResource.Secrets;

        var e = await Assert.ThrowsAsync<KubernetesForbiddenException>(
            () => harness.Client.GetAsync(ResourceTypes.Secrets, "kube-system", "cilium-ipsec-keys", default));

        Assert.Contains("forbidden to get secrets \"cilium-ipsec-keys\" in namespace \"kube-system\"", e.Message);
        Assert.Contains("a Role in namespace \"kube-system\"", e.Message);
    }

    [Fact]
    public async Task RejectedTokenIsReportedWithoutTheToken()
    {
        await using var server = await ApiServerDouble.StartAsync();
        server.Tokens["the-right-token"] = "system:serviceaccount:kube-system:agent";
        using var http = KubernetesHttp.CreateClient(new KubernetesClientConfig
        {
            Server = server.BaseAddress,
            Token = new StaticTokenSource("wrong-secret-token", "test token"),
        });
        var client = new KubernetesApiClient(http);

        var e = await Assert.ThrowsAsync<KubernetesApiException>(() => client.GetAsync(ResourceTypes.Namespaces, null, "default", default));

        Assert.Equal(HttpStatusCode.Unauthorized, e.StatusCode);
        Assert.Contains("rejected the credentials", e.Message);
        Assert.DoesNotContain("wrong-secret-token", e.ToString());
        Assert.Equal("wrong-secret-token", Assert.Single(server.Requests).Token);
    }

    [Fact]
    public async Task ListFollowsContinueTokensAndKeepsTheFirstPagesResourceVersion()
    {
        await using var harness = await Harness.StartAsync();
        for (var i = 0; i < 5; i++)
            harness.Server.Put(ApiResource.Pods, Objects.Pod("ns", $"p{i}", "node-a", [$"10.1.0.{i + 10}"]));
        var version = harness.Server.Store.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var list = await harness.Client.ListAsync(ResourceTypes.Pods, new ResourceQuery { Namespace = "ns" }, 2, default);

        Assert.Equal(["p0", "p1", "p2", "p3", "p4"], list.Items.Select(p => p.Metadata.Name));
        Assert.Equal(version, list.Metadata.ResourceVersion);
        Assert.Equal(3, harness.Server.Requests.Count(r => r.Verb == "list" && r.Namespace == "ns"));
    }

    [Fact]
    public async Task FieldSelectorIsSentAndHonoured()
    {
        await using var harness = await Harness.StartAsync();
        harness.Server.Put(ApiResource.Pods, Objects.Pod("ns", "here", "node-a", ["10.1.0.1"]));
        harness.Server.Put(ApiResource.Pods, Objects.Pod("ns", "there", "node-b", ["10.2.0.1"]));

        var list = await harness.Client.ListAsync(ResourceTypes.Pods, new ResourceQuery { FieldSelector = "spec.nodeName=node-a" }, null, default);

        Assert.Equal("here", Assert.Single(list.Items).Metadata.Name);
        Assert.Equal("spec.nodeName=node-a", harness.Server.Requests.Single()["fieldSelector"]);
    }

    [Fact]
    public async Task WatchStreamsEventsAfterTheResourceVersionUntilCancelled()
    {
        await using var harness = await Harness.StartAsync();
        harness.Server.Put(ApiResource.Namespaces, Objects.Namespace("old"));
        var from = harness.Server.Store.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        harness.Server.Put(ApiResource.Namespaces, Objects.Namespace("new"));
        harness.Server.Store.Delete(ApiResource.Namespaces, null, "old");
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var seen = new List<(WatchEventType, string?)>();

        await foreach (var e in harness.Client.WatchAsync(ResourceTypes.Namespaces, ResourceQuery.All, from, TimeSpan.FromMinutes(5), stop.Token))
        {
            seen.Add((e.Type, e.Object?.Metadata.Name));
            if (seen.Count == 2)
                harness.Server.Command(WatchCommand.Bookmark);
            if (seen.Count == 3)
                break;
        }

        Assert.Equal([(WatchEventType.Added, "new"), (WatchEventType.Deleted, "old"), (WatchEventType.Bookmark, null)], seen);
        var watch = harness.Server.Requests.Single(r => r.Verb == "watch");
        Assert.Equal((from, "true", "300"), (watch["resourceVersion"], watch["allowWatchBookmarks"], watch["timeoutSeconds"]));
    }

    [Fact]
    public void WatchErrorLineCarriesTheStatus()
    {
        var e = WatchEventDecoder.Decode(
            """{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","status":"Failure","message":"too old resource version: 5 (9)","reason":"Expired","code":410}}""",
            KubernetesJsonContext.Default.CiliumNode);

        Assert.Equal(WatchEventType.Error, e.Type);
        Assert.Equal((410, "Expired"), (e.Status!.Code, e.Status.Reason));
    }

    [Fact]
    public void UnknownWatchEventTypeIsAProtocolError()
    {
        Assert.Throws<JsonException>(() => WatchEventDecoder.Decode("""{"type":"RENAMED","object":{}}""", KubernetesJsonContext.Default.Pod));
    }

    [Fact]
    public async Task ContinueTokenFromBeforeACompactionIsGone()
    {
        await using var harness = await Harness.StartAsync();
        for (var i = 0; i < 3; i++)
            harness.Server.Put(ApiResource.Namespaces, Objects.Namespace($"ns{i}"));
        var first = await harness.Client.ListPageAsync(ResourceTypes.Namespaces, ResourceQuery.All, 2, null, default);

        harness.Server.Put(ApiResource.Namespaces, Objects.Namespace("later"));
        harness.Server.Store.Compact();
        var e = await Assert.ThrowsAsync<KubernetesApiException>(
            () => harness.Client.ListPageAsync(ResourceTypes.Namespaces, ResourceQuery.All, 2, first.Metadata.Continue, default));

        Assert.True(e.IsGone);
        Assert.Contains("continue parameter is too old", e.Message);
    }

    [Fact]
    public async Task DoubleStreamsWatchesChunked()
    {
        await using var harness = await Harness.StartAsync();
        using var http = new HttpClient { BaseAddress = harness.Server.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
        var from = harness.Server.Store.ResourceVersion;

        using var response = await http.GetAsync($"/api/v1/namespaces?watch=true&resourceVersion={from}", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.TransferEncodingChunked);
        Assert.Null(response.Content.Headers.ContentLength);
    }
}
