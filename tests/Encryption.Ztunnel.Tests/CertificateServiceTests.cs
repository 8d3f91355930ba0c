using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Encryption.Ztunnel.Ca;
using Encryption.Ztunnel.Grpc;
using Encryption.Ztunnel.Protos.Ca;
using Encryption.Ztunnel.Secrets;
using Encryption.Ztunnel.Tests.Support;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging.Abstractions;

namespace Encryption.Ztunnel.Tests;

public sealed class CertificateServiceTests : IDisposable
{
    private const string Enrolled = "spiffe://cluster.local/ns/shop/sa/cart";
    private readonly TempDirectory dir = new();
    private readonly ZtunnelSecrets secrets;
    private readonly ManualTimeProvider clock = new(DateTimeOffset.UtcNow);
    private readonly LocalWorkloadIdentities identities = new();

    public CertificateServiceTests()
    {
        TestPki.WriteSecrets(dir.Path);
        secrets = ZtunnelSecrets.Load(dir.Path, TimeProvider.System);
        identities.Replace([new SpiffeId("cluster.local", "shop", "cart")]);
    }

    private CertificateService Service(CaOptions? options = null) =>
        new(new WorkloadCertificateIssuer(secrets.CaCertificate, clock), secrets.TrustBundlePem, identities, options ?? new CaOptions(), NullLogger.Instance);

    [Fact]
    public void EnrolledIdentityGetsLeafThenRootSignedByTheCa()
    {
        var response = Service().CreateCertificate(new IstioCertificateRequest { Csr = Csrs.For(Enrolled), ValidityDuration = 3600 });

        Assert.Equal(2, response.CertChain.Count);
        using var leaf = X509Certificate2.CreateFromPem(response.CertChain[0]);
        using var root = X509Certificate2.CreateFromPem(response.CertChain[1]);
        Assert.Equal(secrets.CaCertificate.Thumbprint, root.Thumbprint);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = clock.GetUtcNow().UtcDateTime;
        Assert.True(chain.Build(leaf), string.Join(", ", chain.ChainStatus.Select(s => s.StatusInformation)));
    }

    [Fact]
    public void LeafCarriesOnlyTheSpiffeUriAsCriticalSanWithBothEkus()
    {
        var response = Service().CreateCertificate(new IstioCertificateRequest { Csr = Csrs.For(Enrolled) });

        using var leaf = X509Certificate2.CreateFromPem(response.CertChain[0]);
        Assert.Empty(leaf.SubjectName.RawData.Skip(2));
        var san = leaf.Extensions["2.5.29.17"]!;
        Assert.True(san.Critical);
        Assert.Contains(Enrolled, System.Text.Encoding.ASCII.GetString(san.RawData), StringComparison.Ordinal);
        var eku = leaf.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single();
        Assert.Equal(["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"], eku.EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value!).Order());
        Assert.False(leaf.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
    }

    [Theory]
    [InlineData(3600, 3600)]
    [InlineData(0, 24 * 3600)]
    [InlineData(365 * 24 * 3600, 30 * 24 * 3600)]
    public void LifetimeIsTheRequestedOneUpToTheMaximum(long requested, long expectedSeconds)
    {
        var response = Service().CreateCertificate(new IstioCertificateRequest { Csr = Csrs.For(Enrolled), ValidityDuration = requested });

        using var leaf = X509Certificate2.CreateFromPem(response.CertChain[0]);
        var now = clock.GetUtcNow();
        Assert.Equal(now.AddSeconds(expectedSeconds).ToUnixTimeSeconds(), new DateTimeOffset(leaf.NotAfter).ToUnixTimeSeconds());
        Assert.Equal((now - CertificateLifetime.Backdate).ToUnixTimeSeconds(), new DateTimeOffset(leaf.NotBefore).ToUnixTimeSeconds());
    }

    [Theory]
    [InlineData("spiffe://cluster.local/ns/shop/sa/admin")]
    [InlineData("spiffe://cluster.local/ns/other/sa/cart")]
    [InlineData("spiffe://evil.example/ns/shop/sa/cart")]
    public void IdentityNotEnrolledOnThisNodeIsPermissionDenied(string uri)
    {
        var e = Assert.Throws<GrpcStatusException>(() => Service().CreateCertificate(new IstioCertificateRequest { Csr = Csrs.For(uri) }));

        Assert.Equal(GrpcStatusCode.PermissionDenied, e.Code);
    }

    [Fact]
    public void ImpersonatedIdentityDifferentFromTheCsrIsPermissionDenied()
    {
        var metadata = new Struct();
        metadata.Fields["ImpersonatedIdentity"] = Value.ForString("spiffe://cluster.local/ns/shop/sa/other");

        var e = Assert.Throws<GrpcStatusException>(() => Service().CreateCertificate(new IstioCertificateRequest { Csr = Csrs.For(Enrolled), Metadata = metadata }));

        Assert.Equal(GrpcStatusCode.PermissionDenied, e.Code);
    }

    [Theory]
    [InlineData("bad-signature")]
    [InlineData("two-uris")]
    [InlineData("not-spiffe")]
    [InlineData("not-pem")]
    public void MalformedRequestIsInvalidArgument(string kind)
    {
        var csr = kind switch
        {
            "bad-signature" => Csrs.WithBrokenSignature(Enrolled),
            "two-uris" => Csrs.For(Enrolled, "spiffe://cluster.local/ns/shop/sa/admin"),
            "not-spiffe" => Csrs.For("https://cluster.local/ns/shop/sa/cart"),
            _ => "hello",
        };

        var e = Assert.Throws<GrpcStatusException>(() => Service().CreateCertificate(new IstioCertificateRequest { Csr = csr }));

        Assert.Equal(GrpcStatusCode.InvalidArgument, e.Code);
    }

    [Fact]
    public void CountsIssuedAndRefused()
    {
        var service = Service();
        service.CreateCertificate(new IstioCertificateRequest { Csr = Csrs.For(Enrolled) });
        Assert.ThrowsAny<GrpcStatusException>(() => service.CreateCertificate(new IstioCertificateRequest { Csr = Csrs.For("spiffe://cluster.local/ns/x/sa/y") }));

        Assert.Equal((1, 1), (service.Issued, service.Refused));
    }

    public void Dispose()
    {
        secrets.Dispose();
        dir.Dispose();
    }
}
