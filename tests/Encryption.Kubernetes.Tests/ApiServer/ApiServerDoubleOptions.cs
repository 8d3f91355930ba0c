using System.Security.Cryptography.X509Certificates;

namespace Encryption.Kubernetes.Tests.ApiServer;

public sealed record ApiServerDoubleOptions
{
    /// <summary>Serve HTTPS with this certificate (with private key); plain HTTP when null.</summary>
    public X509Certificate2? ServerCertificate { get; init; }

    /// <summary>Require a client certificate issued by this CA (HTTPS only).</summary>
    public X509Certificate2? ClientCertificateAuthority { get; init; }

    /// <summary>Answer a watch from a compacted resource version with HTTP 410 instead of 200 + ERROR event.</summary>
    public bool GoneAsHttpStatus { get; init; }
}
