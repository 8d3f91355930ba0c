using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Encryption.Ztunnel.Ca;
using Encryption.Ztunnel.Enrollment;
using Encryption.Ztunnel.Grpc;
using Encryption.Ztunnel.Protos.Ca;
using Encryption.Ztunnel.Xds;
using Microsoft.Extensions.Logging.Abstractions;
using Ztunnel.Bench;
using Envoy = Encryption.Ztunnel.Protos.Xds;

var certificates = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
var workloads = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
var clock = TimeProvider.System;
Console.WriteLine($"Ztunnel.Bench: {Environment.ProcessorCount} CPUs, {certificates} certificates, {workloads} workloads");

var identities = new LocalWorkloadIdentities();
identities.Replace(Enumerable.Range(0, 100).Select(i => new SpiffeId("cluster.local", "bench", "sa-" + i)));
var csrs = Enumerable.Range(0, certificates).Select(i => Pki.Csr($"spiffe://cluster.local/ns/bench/sa/sa-{i % 100}")).ToArray();

foreach (var (name, key) in new (string, AsymmetricAlgorithm)[] { ("RSA-2048 CA", RSA.Create(2048)), ("ECDSA P-256 CA", ECDsa.Create(ECCurve.NamedCurves.nistP256)) })
{
    using var ca = Pki.SelfSigned(key, ca: true);
    var service = new CertificateService(new WorkloadCertificateIssuer(ca, clock), ca.ExportCertificatePem(), identities, new CaOptions(), NullLogger.Instance);
    service.CreateCertificate(new IstioCertificateRequest { Csr = csrs[0] });
    var start = clock.GetTimestamp();
    foreach (var csr in csrs)
        service.CreateCertificate(new IstioCertificateRequest { Csr = csr, ValidityDuration = 86400 });
    var single = clock.GetElapsedTime(start);
    start = clock.GetTimestamp();
    Parallel.ForEach(csrs, csr => service.CreateCertificate(new IstioCertificateRequest { Csr = csr, ValidityDuration = 86400 }));
    var parallel = clock.GetElapsedTime(start);
    Console.WriteLine($"CA in-process, {name}: {certificates / single.TotalSeconds:0} certs/s on 1 thread, {certificates / parallel.TotalSeconds:0} certs/s on all CPUs");
    key.Dispose();
}

using var bootstrapKey = RSA.Create(2048);
using var bootstrap = Pki.SelfSigned(bootstrapKey, ca: false, dnsName: "localhost");
using var caKey = RSA.Create(2048);
using var caCert = Pki.SelfSigned(caKey, ca: true);
var certificateService = new CertificateService(new WorkloadCertificateIssuer(caCert, clock), caCert.ExportCertificatePem(), identities, new CaOptions(), NullLogger.Instance);
var store = new XdsResourceStore();
store.Replace(XdsTypeUrls.Authorization, []);
var ads = new DeltaAdsService(store, () => null, clock, NullLogger.Instance);
var options = new GrpcServerOptions { Endpoints = [new IPEndPoint(IPAddress.Loopback, 0)] };
await using var server = new GrpcServer(options, bootstrap, [certificateService.Method, .. ads.Methods], clock, NullLoggerFactory.Instance);
await server.StartAsync(CancellationToken.None);
using var client = new GrpcBenchClient(new Uri($"https://127.0.0.1:{server.BoundEndpoints[0].Port}"), bootstrap.Thumbprint);

await client.UnaryAsync(CertificateService.CreateCertificatePath, new IstioCertificateRequest { Csr = csrs[0] }, IstioCertificateResponse.Parser);
var next = -1;
var grpcStart = clock.GetTimestamp();
await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
{
    int i;
    while ((i = Interlocked.Increment(ref next)) < csrs.Length)
        await client.UnaryAsync(CertificateService.CreateCertificatePath, new IstioCertificateRequest { Csr = csrs[i], ValidityDuration = 86400 }, IstioCertificateResponse.Parser);
}));
var grpcElapsed = clock.GetElapsedTime(grpcStart);
Console.WriteLine($"CA over TLS h2 gRPC, RSA-2048 CA, 8 concurrent callers: {certificates / grpcElapsed.TotalSeconds:0} certs/s");

XdsResource[] Encode(int generation) => Enumerable.Range(0, workloads).Select(i => WorkloadResourceEncoder.Encode(new MeshWorkload
{
    Uid = $"{i:D8}-0000-4000-8000-000000000000",
    Name = $"pod-{i}",
    Namespace = $"ns-{i % 50}",
    ServiceAccount = $"sa-{i % 100}",
    Node = $"192.168.{i / 250 % 256}.{i % 250 + 1}",
    Addresses = [new IPAddress([10, (byte)(i >> 16), (byte)(i >> 8), (byte)(i + generation)])],
}, "cluster.local")).ToArray();

var encodeStart = clock.GetTimestamp();
var first = Encode(0);
var encodeElapsed = clock.GetElapsedTime(encodeStart);
store.Replace(XdsTypeUrls.Address, first);
Console.WriteLine($"xDS: encoding {workloads} workloads: {encodeElapsed.TotalMilliseconds:0} ms");

var (requests, responses) = client.Duplex(DeltaAdsService.DeltaAggregatedResourcesPath, Envoy.DeltaDiscoveryResponse.Parser);
await using var reader = responses.GetAsyncEnumerator();
var initialStart = clock.GetTimestamp();
await requests.WriteAsync(new Envoy.DeltaDiscoveryRequest { TypeUrl = XdsTypeUrls.Address });
await reader.MoveNextAsync();
var initialElapsed = clock.GetElapsedTime(initialStart);
var initial = reader.Current;
Console.WriteLine($"xDS: initial response with {initial.Resources.Count} workloads ({initial.CalculateSize() / 1024} KiB) received and parsed in {initialElapsed.TotalMilliseconds:0} ms");
await requests.WriteAsync(new Envoy.DeltaDiscoveryRequest { TypeUrl = XdsTypeUrls.Address, ResponseNonce = initial.Nonce });

var changed = Encode(1);
var pushStart = clock.GetTimestamp();
store.Replace(XdsTypeUrls.Address, changed);
await reader.MoveNextAsync();
var pushElapsed = clock.GetElapsedTime(pushStart);
Console.WriteLine($"xDS: push of {reader.Current.Resources.Count} changed workloads received and parsed in {pushElapsed.TotalMilliseconds:0} ms");
await requests.WriteAsync(new Envoy.DeltaDiscoveryRequest { TypeUrl = XdsTypeUrls.Address, ResponseNonce = reader.Current.Nonce });

var removeStart = clock.GetTimestamp();
store.Replace(XdsTypeUrls.Address, []);
await reader.MoveNextAsync();
Console.WriteLine($"xDS: removal of {reader.Current.RemovedResources.Count} workloads received in {clock.GetElapsedTime(removeStart).TotalMilliseconds:0} ms");
requests.Complete();
await server.StopAsync(CancellationToken.None);
