using System.Text;
using Encryption.Kubernetes.Api;
using Encryption.Kubernetes.Config;
using Encryption.Kubernetes.Http;
using Encryption.Kubernetes.Tests.ApiServer;
using Encryption.Kubernetes.Tests.Support;

namespace Encryption.Kubernetes.Tests;

public sealed class TlsTests
{
    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task KubeconfigClientCertificateAndCaAuthenticateOverMutualTls()
    {
        using var certs = TestCertificates.Create("system:node:node-a");
        await using var server = await ApiServerDouble.StartAsync(new ApiServerDoubleOptions
        {
            ServerCertificate = certs.Server,
            ClientCertificateAuthority = certs.Ca,
        });
        server.Put(ApiResource.Namespaces, Objects.Namespace("default"));
        var yaml = $"""
            current-context: c
            clusters:
            - name: c
              cluster:
                server: {server.BaseAddress}
                certificate-authority-data: {B64(certs.CaPem)}
            contexts:
            - name: c
              context:
                cluster: c
                user: u
            users:
            - name: u
              user:
                client-certificate-data: {B64(certs.ClientCertificatePem)}
                client-key-data: {B64(certs.ClientKeyPem)}
            """;
        var config = KubeconfigLoader.Load(yaml, "/nowhere", "kubeconfig test", TimeProvider.System);
        using var http = KubernetesHttp.CreateClient(config);

        var list = await new KubernetesApiClient(http).ListAsync(ResourceTypes.Namespaces, ResourceQuery.All, null, default);

        Assert.Equal("default", Assert.Single(list.Items).Metadata.Name);
        Assert.Equal("system:node:node-a", Assert.Single(server.Requests).User);
        Assert.StartsWith("https://", server.BaseAddress.ToString());
    }

    [Fact]
    public async Task ServerCertificateFromAnotherCaIsRejected()
    {
        using var certs = TestCertificates.Create();
        using var other = TestCertificates.Create();
        await using var server = await ApiServerDouble.StartAsync(new ApiServerDoubleOptions { ServerCertificate = certs.Server });
        using var http = KubernetesHttp.CreateClient(new KubernetesClientConfig
        {
            Server = server.BaseAddress,
            CertificateAuthorities = [other.Ca],
        });

        await Assert.ThrowsAsync<HttpRequestException>(
            () => new KubernetesApiClient(http).ListAsync(ResourceTypes.Namespaces, ResourceQuery.All, null, default));
        Assert.Empty(server.Requests);
    }

    [Theory]
    [InlineData("kubernetes.default.svc", true)]
    [InlineData("wrong.example", false)]
    public async Task TlsServerNameIsCheckedInsteadOfTheUrlHost(string serverName, bool accepted)
    {
        using var certs = TestCertificates.Create();
        await using var server = await ApiServerDouble.StartAsync(new ApiServerDoubleOptions { ServerCertificate = certs.Server });
        using var http = KubernetesHttp.CreateClient(new KubernetesClientConfig
        {
            Server = server.BaseAddress,
            CertificateAuthorities = [certs.Ca],
            TlsServerName = serverName,
        });
        var client = new KubernetesApiClient(http);

        var list = () => client.ListAsync(ResourceTypes.Namespaces, ResourceQuery.All, null, default);

        if (accepted)
            Assert.Empty((await list()).Items);
        else
            await Assert.ThrowsAsync<HttpRequestException>(list);
    }

    [Fact]
    public async Task InsecureSkipTlsVerifyAcceptsAnyServerCertificate()
    {
        using var certs = TestCertificates.Create();
        await using var server = await ApiServerDouble.StartAsync(new ApiServerDoubleOptions { ServerCertificate = certs.Server });
        using var http = KubernetesHttp.CreateClient(new KubernetesClientConfig { Server = server.BaseAddress, InsecureSkipTlsVerify = true });

        var list = await new KubernetesApiClient(http).ListAsync(ResourceTypes.Namespaces, ResourceQuery.All, null, default);

        Assert.Empty(list.Items);
    }
}
