using Encryption.Core.Cluster;
using Encryption.Kubernetes.Cluster;
using Encryption.Kubernetes.Config;
using Encryption.Kubernetes.Hosting;
using Encryption.Kubernetes.Secrets;
using Encryption.Kubernetes.Tests.ApiServer;
using Encryption.Kubernetes.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Encryption.Kubernetes.Tests;

public sealed class HostingTests
{
    [Fact]
    public async Task RegisteredSourceAndSecretClientWorkThroughTheHttpClientFactory()
    {
        await using var server = await ApiServerDouble.StartAsync();
        server.Tokens["agent-token"] = "system:serviceaccount:kube-system:agent";
        server.Put(ApiResource.CiliumNodes, Objects.CiliumNode("node-a", "192.168.100.1"));
        server.Put(ApiResource.Secrets, Objects.Secret("kube-system", "cilium-ipsec-keys", new() { ["keys"] = "1+ rfc4106(gcm(aes)) 00 128" }));
        var services = new ServiceCollection();
        services.AddKubernetesClusterSource(
            _ => new KubernetesClientConfig
            {
                Server = server.BaseAddress,
                Token = new StaticTokenSource("agent-token", "test token"),
                Namespace = "kube-system",
            },
            _ => new KubernetesSourceOptions { NodeName = "node-a" });
        await using var provider = services.BuildServiceProvider();
        using var stop = new CancellationTokenSource();

        var source = (KubernetesClusterSource)provider.GetRequiredService<IClusterSource>();
        var run = source.RunAsync(stop.Token);
        await Eventually.True(() => source.IsSynced, "the source to sync");
        var keys = await provider.GetRequiredService<IPsecKeysSecretClient>().GetAsync(default);

        Assert.Equal(["node-a"], source.Current.Nodes.Keys);
        Assert.Equal("1+ rfc4106(gcm(aes)) 00 128", keys!.Keys);
        Assert.All(server.Requests, r => Assert.Equal("agent-token", r.Token));
        await stop.CancelAsync();
        await run;
    }
}
