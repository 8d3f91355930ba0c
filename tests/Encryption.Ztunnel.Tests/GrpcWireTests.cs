using System.Net;
using System.Net.Http.Headers;
using Encryption.Ztunnel.Ca;
using Encryption.Ztunnel.Protos.Ca;
using Encryption.Ztunnel.Tests.Support;
using Google.Protobuf;

namespace Encryption.Ztunnel.Tests;

/// <summary>gRPC-over-HTTP/2 details seen on the wire with a plain HttpClient.</summary>
public sealed class GrpcWireTests
{
    /// <summary>Trusts exactly the bootstrap certificate (what ztunnel's XDS_ROOT_CA does).</summary>
    private static HttpClient Client(BackendHarness harness, Version version)
    {
        using var bootstrap = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(harness.RootCa));
        var thumbprint = bootstrap.Thumbprint;
        return new(new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == thumbprint } })
        {
            DefaultRequestVersion = version,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
    }

    private static HttpRequestMessage Grpc(Uri uri, byte[] body, string contentType = "application/grpc", Version? version = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = new ByteArrayContent(body),
            Version = version ?? HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));
        return request;
    }

    private static byte[] Framed(IMessage message)
    {
        var payload = message.ToByteArray();
        return [0, .. BitConverter.GetBytes(IPAddress.HostToNetworkOrder(payload.Length)), .. payload];
    }

    [Fact]
    public async Task UnknownMethodIsATrailersOnlyUnimplemented()
    {
        await using var harness = await BackendHarness.StartAsync();
        using var http = Client(harness, HttpVersion.Version20);

        using var response = await http.SendAsync(Grpc(new Uri(harness.BaseUri, "/no.Such/Method"), []));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("12", response.Headers.GetValues("grpc-status").Single());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task RefusedCertificateRequestCarriesStatusAndMessageInTrailersOnly()
    {
        await using var harness = await BackendHarness.StartAsync();
        using var http = Client(harness, HttpVersion.Version20);
        var request = new IstioCertificateRequest { Csr = Csrs.For("spiffe://cluster.local/ns/shop/sa/nobody") };

        using var response = await http.SendAsync(Grpc(new Uri(harness.BaseUri, CertificateService.CreateCertificatePath), Framed(request)));

        Assert.Equal("7", response.Headers.GetValues("grpc-status").Single());
        Assert.Equal("application/grpc", response.Content.Headers.ContentType?.MediaType);
        var message = response.Headers.GetValues("grpc-message").Single();
        Assert.Equal("spiffe://cluster.local/ns/shop/sa/nobody: no workload with this identity is enrolled on this node", Encryption.Ztunnel.Grpc.GrpcPercentEncoding.Decode(message));
    }

    [Fact]
    public async Task SuccessfulUnaryCallEndsWithGrpcStatusZeroInTrailers()
    {
        await using var harness = await BackendHarness.StartAsync();
        await harness.Backend.ApplyAsync(
            BackendHarness.Snapshot([("shop", true)], BackendHarness.Pod("shop", "cart", "node-1", "10.1.0.5")), CancellationToken.None);
        using var http = Client(harness, HttpVersion.Version20);
        var request = new IstioCertificateRequest { Csr = Csrs.For("spiffe://cluster.local/ns/shop/sa/cart") };

        using var response = await http.SendAsync(Grpc(new Uri(harness.BaseUri, CertificateService.CreateCertificatePath), Framed(request)));
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.False(response.Headers.Contains("grpc-status"));
        Assert.Equal("0", response.TrailingHeaders.GetValues("grpc-status").Single());
        Assert.Equal(body.Length - 5, IPAddress.NetworkToHostOrder(BitConverter.ToInt32(body, 1)));
        Assert.Equal(2, IstioCertificateResponse.Parser.ParseFrom(body.AsSpan(5)).CertChain.Count);
    }

    [Fact]
    public async Task NonGrpcContentTypeIsRefusedWith415()
    {
        await using var harness = await BackendHarness.StartAsync();
        using var http = Client(harness, HttpVersion.Version20);

        using var response = await http.SendAsync(Grpc(new Uri(harness.BaseUri, CertificateService.CreateCertificatePath), [], "application/json"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Http11IsNotServed()
    {
        await using var harness = await BackendHarness.StartAsync();
        using var http = Client(harness, HttpVersion.Version11);

        await Assert.ThrowsAsync<HttpRequestException>(() => http.SendAsync(Grpc(new Uri(harness.BaseUri, CertificateService.CreateCertificatePath), [], version: HttpVersion.Version11)));
    }
}
