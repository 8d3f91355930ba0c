using Encryption.Kubernetes.Config;
using Encryption.Kubernetes.Tests.Support;

namespace Encryption.Kubernetes.Tests;

public sealed class InClusterConfigTests
{
    private static ConfigEnvironment Pod(string host, string port = "443") => ConfigEnvironment.From(new Dictionary<string, string>
    {
        [InClusterConfig.HostVariable] = host,
        [InClusterConfig.PortVariable] = port,
    });

    [Fact]
    public async Task ServiceAccountFilesAndEnvironmentMakeTheConfiguration()
    {
        using var certs = TestCertificates.Create();
        using var sa = new TempDirectory();
        sa.Write("token", "sa-token-1");
        sa.Write("ca.crt", certs.CaPem);
        sa.Write("namespace", "kube-system\n");

        var config = InClusterConfig.Load(Pod("10.96.0.1"), TimeProvider.System, sa.Path);

        Assert.Equal(new Uri("https://10.96.0.1:443"), config.Server);
        Assert.Equal("kube-system", config.Namespace);
        Assert.Equal(certs.Ca.Thumbprint, Assert.Single(config.CertificateAuthorities!).Thumbprint);
        Assert.Equal("sa-token-1", await config.Token!.GetTokenAsync(default));
        Assert.Equal("in-cluster", config.Origin);
    }

    [Theory]
    [InlineData("fd00:10:96::1", "6443", "https://[fd00:10:96::1]:6443/")]
    [InlineData("10.96.0.1", "6443", "https://10.96.0.1:6443/")]
    [InlineData("kubernetes.default.svc", "443", "https://kubernetes.default.svc/")]
    public void ServiceHostBecomesTheServerUrlWithIPv6Bracketed(string host, string port, string expected)
    {
        Assert.Equal(expected, InClusterConfig.ServerUri(host, port).ToString());
    }

    [Fact]
    public void InvalidPortIsNamed()
    {
        var e = Assert.Throws<KubernetesConfigException>(() => InClusterConfig.ServerUri("10.96.0.1", "https"));

        Assert.Contains("KUBERNETES_SERVICE_PORT='https'", e.Message);
    }

    [Fact]
    public void MissingTokenIsReportedWithItsPath()
    {
        using var sa = new TempDirectory();

        var e = Assert.Throws<KubernetesConfigException>(() => InClusterConfig.Load(Pod("10.96.0.1"), TimeProvider.System, sa.Path));

        Assert.Contains(Path.Combine(sa.Path, "token"), e.Message);
    }

    [Fact]
    public void InClusterIsPreferredOverAKubeconfigInHome()
    {
        using var sa = new TempDirectory();
        sa.Write("token", "t");
        using var home = new TempDirectory();
        home.Write(".kube/config", "current-context: x");

        var config = KubernetesConfigLoader.Load(Pod("10.96.0.1") with { HomeDirectory = home.Path }, TimeProvider.System, serviceAccountDirectory: sa.Path);

        Assert.Equal("in-cluster", config.Origin);
    }
}
