using System.Text;
using Encryption.Kubernetes.Config;
using Encryption.Kubernetes.Tests.Support;

namespace Encryption.Kubernetes.Tests;

public sealed class KubeconfigTests
{
    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private const string TwoContexts = """
        apiVersion: v1
        kind: Config
        current-context: prod
        clusters:
        - name: lab
          cluster:
            server: https://192.168.100.10:6443
            insecure-skip-tls-verify: true
        - name: prod
          cluster:
            server: https://[fd00::10]:6443
            tls-server-name: kubernetes.default.svc
        contexts:
        - name: lab
          context: {cluster: lab, user: lab-admin}
        - name: prod
          context: {cluster: prod, user: agent, namespace: kube-system}
        users:
        - name: lab-admin
          user: {token: lab-token-123}
        - name: agent
          user:
            token: prod-token-456
        preferences: {}
        """;

    [Fact]
    public async Task CurrentContextPicksClusterUserAndNamespace()
    {
        var config = KubeconfigLoader.Load(TwoContexts, "/nowhere", "kubeconfig test", TimeProvider.System);

        Assert.Equal(new Uri("https://[fd00::10]:6443"), config.Server);
        Assert.Equal("kube-system", config.Namespace);
        Assert.Equal("kubernetes.default.svc", config.TlsServerName);
        Assert.False(config.InsecureSkipTlsVerify);
        Assert.Equal("prod-token-456", await config.Token!.GetTokenAsync(default));
        Assert.Equal("kubeconfig test (context prod)", config.Origin);
        Assert.DoesNotContain("prod-token-456", config.ToString());
    }

    [Fact]
    public async Task ChosenContextOverridesCurrentContext()
    {
        var config = KubeconfigLoader.Load(TwoContexts, "/nowhere", "kubeconfig test", TimeProvider.System, context: "lab");

        Assert.Equal(new Uri("https://192.168.100.10:6443"), config.Server);
        Assert.True(config.InsecureSkipTlsVerify);
        Assert.Null(config.Namespace);
        Assert.Equal("lab-token-123", await config.Token!.GetTokenAsync(default));
    }

    [Fact]
    public void InlineClientCertificateKeyAndCaAreLoaded()
    {
        using var certs = TestCertificates.Create();
        var yaml = $"""
            current-context: c
            clusters:
            - name: c
              cluster:
                server: https://127.0.0.1:6443
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

        Assert.Equal(certs.Ca.Thumbprint, Assert.Single(config.CertificateAuthorities!).Thumbprint);
        Assert.Equal(certs.Client.Thumbprint, config.ClientCertificate!.Thumbprint);
        Assert.True(config.ClientCertificate.HasPrivateKey);
        Assert.Null(config.Token);
    }

    [Fact]
    public async Task FileReferencesAreResolvedAgainstTheKubeconfigDirectory()
    {
        using var certs = TestCertificates.Create();
        using var dir = new TempDirectory();
        dir.Write("pki/ca.crt", certs.CaPem);
        dir.Write("pki/agent.crt", certs.ClientCertificatePem);
        dir.Write("pki/agent.key", certs.ClientKeyPem);
        dir.Write("pki/token", "file-token-789\n");
        var path = dir.Write("config", """
            current-context: c
            clusters:
            - name: c
              cluster: {server: "https://127.0.0.1:6443", certificate-authority: pki/ca.crt}
            contexts:
            - name: c
              context: {cluster: c, user: u}
            users:
            - name: u
              user: {client-certificate: pki/agent.crt, client-key: pki/agent.key, tokenFile: pki/token}
            """);

        var config = KubeconfigLoader.LoadFile(path, TimeProvider.System);

        Assert.Equal(certs.Ca.Thumbprint, Assert.Single(config.CertificateAuthorities!).Thumbprint);
        Assert.Equal(certs.Client.Thumbprint, config.ClientCertificate!.Thumbprint);
        Assert.Equal("file-token-789", await config.Token!.GetTokenAsync(default));
        Assert.Equal($"token file {Path.Combine(dir.Path, "pki", "token")}", config.Token.Description);
    }

    [Theory]
    [InlineData("exec: {apiVersion: client.authentication.k8s.io/v1, command: aws}", "exec credential plugins are not supported")]
    [InlineData("auth-provider: {name: gcp}", "auth-provider plugins are not supported")]
    [InlineData("username: admin\n    password: hunter2", "basic authentication is not supported")]
    [InlineData("client-certificate-data: abc", "needs both client-certificate and client-key")]
    public void UnsupportedCredentialsAreRefusedClearly(string user, string expected)
    {
        var yaml = $"""
            current-context: c
            clusters:
            - name: c
              cluster:
                server: https://127.0.0.1:6443
            contexts:
            - name: c
              context:
                cluster: c
                user: u
            users:
            - name: u
              user:
                {user}
            """;

        var e = Assert.Throws<KubernetesConfigException>(() => KubeconfigLoader.Load(yaml, "/nowhere", "kubeconfig test", TimeProvider.System));

        Assert.Contains(expected, e.Message);
        Assert.Contains("user 'u'", e.Message);
        Assert.DoesNotContain("hunter2", e.Message);
    }

    [Fact]
    public void UnknownContextIsNamed()
    {
        var e = Assert.Throws<KubernetesConfigException>(() => KubeconfigLoader.Load(TwoContexts, "/nowhere", "kubeconfig test", TimeProvider.System, "staging"));

        Assert.Equal("kubeconfig test: no context named 'staging'.", e.Message);
    }

    [Fact]
    public void CertificateAuthorityWithInsecureSkipIsRefused()
    {
        var yaml = """
            current-context: c
            clusters: [{name: c, cluster: {server: "https://127.0.0.1:6443", certificate-authority: ca.crt, insecure-skip-tls-verify: true}}]
            contexts: [{name: c, context: {cluster: c}}]
            """;

        var e = Assert.Throws<KubernetesConfigException>(() => KubeconfigLoader.Load(yaml, "/nowhere", "kubeconfig test", TimeProvider.System));

        Assert.Contains("cannot both be set", e.Message);
    }

    [Fact]
    public void KubeconfigVariableIsUsedOutsideAPod()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("kc", TwoContexts);
        var environment = ConfigEnvironment.From(new Dictionary<string, string> { ["KUBECONFIG"] = $"/does/not/exist:{path}" });

        var config = KubernetesConfigLoader.Load(environment, TimeProvider.System);

        Assert.Equal($"kubeconfig {path} (context prod)", config.Origin);
    }

    [Fact]
    public void NoConfigurationAnywhereSaysWhereItLooked()
    {
        var e = Assert.Throws<KubernetesConfigException>(
            () => KubernetesConfigLoader.Load(ConfigEnvironment.From(new Dictionary<string, string>(), "/home/nobody"), TimeProvider.System));

        Assert.Contains("/home/nobody/.kube/config", e.Message);
    }
}
