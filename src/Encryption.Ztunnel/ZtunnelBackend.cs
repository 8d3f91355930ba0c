using Encryption.Core.Backends;
using Encryption.Core.Cluster;
using Encryption.Ztunnel.Ca;
using Encryption.Ztunnel.Enrollment;
using Encryption.Ztunnel.Grpc;
using Encryption.Ztunnel.Secrets;
using Encryption.Ztunnel.Xds;
using Encryption.Ztunnel.Zds;
using Microsoft.Extensions.Logging;

namespace Encryption.Ztunnel;

/// <summary>
/// The agent as ztunnel's control plane: CA and delta xDS on one TLS/HTTP2 listener, ZDS on a unix
/// socket. Each snapshot becomes an enrollment plan (pure), in-pod rules (I/O), then xDS resources, CA
/// identities and the ZDS desired set, in the order ztunnel needs them.
/// </summary>
public sealed class ZtunnelBackend : IEncryptionBackend, IAsyncDisposable
{
    private readonly ZtunnelOptions options;
    private readonly TimeProvider timeProvider;
    private readonly ILoggerFactory loggerFactory;
    private readonly EnrollmentReconciler enrollment;
    private readonly IPodNamespaceFinder? namespaces;
    private readonly SemaphoreSlim applyLock = new(1, 1);
    private ZtunnelSecrets? secrets;
    private GrpcServer? grpc;
    private ZdsServer? zds;
    private CertificateService? ca;
    private DeltaAdsService? ads;
    private EnrollmentPlan plan = EnrollmentPlan.Empty;
    private int handedOver;
    private string? startFailure;

    public ZtunnelBackend(
        ZtunnelOptions options,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory,
        IInPodRedirection? redirection = null,
        IPodNamespaceFinder? namespaces = null)
    {
        this.options = options;
        this.namespaces = namespaces ?? (options.Procfs is { } procfs ? new ProcfsPodNamespaces(procfs, timeProvider) : null);
        this.timeProvider = timeProvider;
        this.loggerFactory = loggerFactory;
        enrollment = new EnrollmentReconciler(redirection ?? new NftablesInPodRedirection(), loggerFactory.CreateLogger<EnrollmentReconciler>());
    }

    public EncryptionType Type => EncryptionType.Ztunnel;

    public XdsResourceStore Resources { get; } = new();

    public LocalWorkloadIdentities Identities { get; } = new();

    /// <summary>The gRPC listener's bound endpoints (real ports when configured with port 0).</summary>
    public IReadOnlyList<System.Net.IPEndPoint> GrpcEndpoints => grpc?.BoundEndpoints ?? [];

    public ZdsServer? Zds => zds;

    /// <summary>Loads the secrets (fatal when unusable), starts the gRPC listener and the ZDS socket.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            secrets = ZtunnelSecrets.Load(options.SecretsDirectory, timeProvider);
        }
        catch (ZtunnelSecretsException e)
        {
            startFailure = e.Message;
            throw;
        }

        var issuer = new WorkloadCertificateIssuer(secrets.CaCertificate, timeProvider);
        ca = new CertificateService(issuer, secrets.TrustBundlePem, Identities, options.Ca, loggerFactory.CreateLogger<CertificateService>());
        ads = new DeltaAdsService(Resources, () => plan.LocalNodeIdentity is { Length: > 0 } id ? id : null, timeProvider, loggerFactory.CreateLogger<DeltaAdsService>());
        Resources.Replace(XdsTypeUrls.Authorization, []);
        grpc = new GrpcServer(options.Grpc, secrets.BootstrapCertificate, [ca.Method, .. ads.Methods], timeProvider, loggerFactory);
        await grpc.StartAsync(cancellationToken).ConfigureAwait(false);
        zds = new ZdsServer(options.Zds, timeProvider, loggerFactory.CreateLogger<ZdsServer>());
        zds.Start();
    }

    public Node DecorateLocalNode(Node local) => local;

    public async Task ApplyAsync(ClusterSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        await applyLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var next = EnrollmentPlanner.Plan(LocalPodNamespaces.Fill(snapshot, namespaces), options.Enrollment);
            var ready = await enrollment.ApplyAsync(next, cancellationToken).ConfigureAwait(false);
            var readyUids = ready.Select(w => w.Uid).ToHashSet(StringComparer.Ordinal);
            var localUids = next.Local.Select(w => w.Uid).ToHashSet(StringComparer.Ordinal);
            // A local pod whose rules failed has no proxy in front of it: do not tell peers to tunnel to it.
            var mesh = next.Mesh.Where(w => !localUids.Contains(w.Uid) || readyUids.Contains(w.Uid));
            Resources.Replace(XdsTypeUrls.Address, mesh.Select(w => WorkloadResourceEncoder.Encode(w, options.Ca.TrustDomain)));
            Identities.Replace(ready.Select(w => w.Workload.IdentityIn(options.Ca.TrustDomain)));
            zds?.SetWorkloads(ready);
            plan = next;
            handedOver = ready.Count;
        }
        finally
        {
            applyLock.Release();
        }
    }

    public Task<BackendStatus> GetStatusAsync(CancellationToken cancellationToken) =>
        Task.FromResult(ZtunnelStatusReport.Build(new ZtunnelStatusInput
        {
            Options = options,
            StartFailure = startFailure,
            SecretWarnings = secrets?.Warnings ?? [],
            GrpcEndpoints = GrpcEndpoints,
            Plan = plan,
            HandedOver = handedOver,
            RuleFailures = enrollment.Failures,
            ZdsConnections = zds?.Connections ?? [],
            XdsStreams = ads?.Streams.Streams ?? [],
            CertificatesIssued = ca?.Issued ?? 0,
            CertificatesRefused = ca?.Refused ?? 0,
            ZtunnelBinary = ZtunnelLaunch.FindBinary(),
        }));

    public async ValueTask DisposeAsync()
    {
        if (grpc is not null)
            await grpc.DisposeAsync().ConfigureAwait(false);
        if (zds is not null)
            await zds.DisposeAsync().ConfigureAwait(false);
        secrets?.Dispose();
        applyLock.Dispose();
    }
}
