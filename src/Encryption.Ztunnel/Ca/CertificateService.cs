using Encryption.Ztunnel.Grpc;
using Encryption.Ztunnel.Protos.Ca;
using Microsoft.Extensions.Logging;

namespace Encryption.Ztunnel.Ca;

/// <summary>
/// <c>istio.v1.auth.IstioCertificateService/CreateCertificate</c>: signs a CSR for one SPIFFE identity of
/// a workload enrolled on this node, and answers <c>[leaf, trust bundle]</c>. Any other identity is
/// refused (PERMISSION_DENIED): ztunnel may only ask for the pods it proxies here.
/// </summary>
public sealed class CertificateService
{
    public const string CreateCertificatePath = "/istio.v1.auth.IstioCertificateService/CreateCertificate";

    private readonly WorkloadCertificateIssuer issuer;
    private readonly string trustBundlePem;
    private readonly LocalWorkloadIdentities identities;
    private readonly CaOptions options;
    private readonly ILogger logger;
    private long issued;
    private long refused;

    public CertificateService(WorkloadCertificateIssuer issuer, string trustBundlePem, LocalWorkloadIdentities identities, CaOptions options, ILogger logger)
    {
        this.issuer = issuer;
        this.trustBundlePem = trustBundlePem;
        this.identities = identities;
        this.options = options;
        this.logger = logger;
    }

    public long Issued => Interlocked.Read(ref issued);

    public long Refused => Interlocked.Read(ref refused);

    public GrpcMethod Method => new UnaryGrpcMethod<IstioCertificateRequest, IstioCertificateResponse>(
        CreateCertificatePath, IstioCertificateRequest.Parser, (request, _) => Task.FromResult(CreateCertificate(request)));

    public IstioCertificateResponse CreateCertificate(IstioCertificateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var csr = CertificateRequestReader.Read(request.Csr);
            Authorize(csr.Identity, request);
            var lifetime = CertificateLifetime.Choose(request.ValidityDuration, options.DefaultCertificateTtl, options.MaxCertificateTtl);
            using var leaf = issuer.Issue(csr.Request, csr.Identity, lifetime);
            Interlocked.Increment(ref issued);
            CaLog.Issued(logger, csr.Identity, leaf);
            return new IstioCertificateResponse { CertChain = { leaf.ExportCertificatePem() + "\n", trustBundlePem } };
        }
        catch (GrpcStatusException e)
        {
            Interlocked.Increment(ref refused);
            CaLog.Refused(logger, e.Code, e.Message);
            throw;
        }
    }

    private void Authorize(SpiffeId identity, IstioCertificateRequest request)
    {
        if (identity.TrustDomain != options.TrustDomain)
            throw new GrpcStatusException(GrpcStatusCode.PermissionDenied, $"{identity}: trust domain is not {options.TrustDomain}");
        if (request.Metadata?.Fields.TryGetValue("ImpersonatedIdentity", out var impersonated) == true
            && impersonated.StringValue != identity.ToString())
            throw new GrpcStatusException(GrpcStatusCode.PermissionDenied, $"ImpersonatedIdentity {impersonated.StringValue} differs from the CSR identity {identity}");
        if (!identities.Contains(identity))
            throw new GrpcStatusException(GrpcStatusCode.PermissionDenied, $"{identity}: no workload with this identity is enrolled on this node");
    }
}
