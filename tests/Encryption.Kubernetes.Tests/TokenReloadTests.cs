using Encryption.Kubernetes.Api;
using Encryption.Kubernetes.Config;
using Encryption.Kubernetes.Http;
using Encryption.Kubernetes.Tests.ApiServer;
using Encryption.Kubernetes.Tests.Support;

namespace Encryption.Kubernetes.Tests;

/// <summary>Bound service-account tokens rotate: the kubelet rewrites the projected file.</summary>
public sealed class TokenReloadTests
{
    private const string User = "system:serviceaccount:kube-system:encryption-agent";

    private sealed class Pod : IAsyncDisposable
    {
        private readonly HttpClient _http;

        private Pod(ApiServerDouble server, TempDirectory serviceAccount, HttpClient http, FakeTimeProvider time)
        {
            Server = server;
            ServiceAccount = serviceAccount;
            _http = http;
            Time = time;
            Client = new KubernetesApiClient(http, timeProvider: time);
        }

        public ApiServerDouble Server { get; }

        public TempDirectory ServiceAccount { get; }

        public FakeTimeProvider Time { get; }

        public KubernetesApiClient Client { get; }

        public static async Task<Pod> StartAsync()
        {
            var server = await ApiServerDouble.StartAsync();
            server.Tokens["token-1"] = User;
            var sa = new TempDirectory();
            sa.Write("token", "token-1\n");
            sa.Write("namespace", "kube-system");
            var time = new FakeTimeProvider();
            var environment = ConfigEnvironment.From(new Dictionary<string, string>
            {
                [InClusterConfig.HostVariable] = "127.0.0.1",
                [InClusterConfig.PortVariable] = "443",
            });
            var config = InClusterConfig.Load(environment, time, sa.Path) with { Server = server.BaseAddress };
            return new Pod(server, sa, KubernetesHttp.CreateClient(config), time);
        }

        public async Task ListAsync() => await Client.ListAsync(ResourceTypes.Namespaces, ResourceQuery.All, null, default);

        public void RotateTo(string token, bool revokeOld)
        {
            ServiceAccount.Write("token", token + "\n");
            if (revokeOld)
                Server.Tokens.Clear();
            Server.Tokens[token] = User;
        }

        public async ValueTask DisposeAsync()
        {
            _http.Dispose();
            ServiceAccount.Dispose();
            await Server.DisposeAsync();
        }
    }

    [Fact]
    public async Task RotatedTokenIsReadAgainAfterA401AndTheRequestRepeated()
    {
        await using var pod = await Pod.StartAsync();
        await pod.ListAsync();

        pod.RotateTo("token-2", revokeOld: true);
        await pod.ListAsync();

        Assert.Equal(["token-1", "token-1", "token-2"], pod.Server.Requests.Select(r => r.Token));
        Assert.Equal([User, "<unauthenticated>", User], pod.Server.Requests.Select(r => r.User));
    }

    [Fact]
    public async Task TokenFileIsReadAgainEveryMinuteWithoutWaitingForA401()
    {
        await using var pod = await Pod.StartAsync();
        await pod.ListAsync();

        pod.RotateTo("token-2", revokeOld: false); // both stay valid during the kubelet's rotation window
        await pod.ListAsync();
        pod.Time.Advance(TimeSpan.FromSeconds(61));
        await pod.ListAsync();

        Assert.Equal(["token-1", "token-1", "token-2"], pod.Server.Requests.Select(r => r.Token));
    }

    [Fact]
    public async Task PatchBodyIsSentAgainWhenTheRequestIsRepeatedAfterA401()
    {
        await using var pod = await Pod.StartAsync();
        pod.Server.Put(ApiResource.CiliumNodes, Objects.CiliumNode("node-a", "192.168.100.1"));
        await pod.ListAsync();
        pod.RotateTo("token-2", revokeOld: true);

        var patch = new System.Text.Json.Nodes.JsonObject { ["spec"] = new System.Text.Json.Nodes.JsonObject { ["bootid"] = "after-401" } };
        var node = await pod.Client.PatchAsync(ResourceTypes.CiliumNodes, null, "node-a", patch, default);

        Assert.Equal("after-401", node.Spec.BootId);
        Assert.Equal(("token-2", "application/merge-patch+json"), (pod.Server.Requests[^1].Token, pod.Server.Requests[^1].ContentType));
    }
}
