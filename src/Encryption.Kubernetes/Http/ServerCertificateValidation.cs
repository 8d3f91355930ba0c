using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Encryption.Kubernetes.Config;

namespace Encryption.Kubernetes.Http;

/// <summary>
/// Validates the API server's certificate against the configured CA bundle only (not the system store),
/// with the host name checked against the URL or <see cref="KubernetesClientConfig.TlsServerName"/>.
/// </summary>
internal static class ServerCertificateValidation
{
    public static RemoteCertificateValidationCallback? For(KubernetesClientConfig config)
    {
        if (config.InsecureSkipTlsVerify)
        {
#pragma warning disable CA5359 // The operator asked for it explicitly (kubeconfig insecure-skip-tls-verify: true).
            return static (_, _, _, _) => true;
#pragma warning restore CA5359
        }
        var roots = config.CertificateAuthorities;
        var serverName = config.TlsServerName;
        if (roots is null && serverName is null)
            return null; // the platform's default validation against the system store
        return (_, certificate, presentedChain, errors) =>
            certificate is not null && Validate(ToX509Certificate2(certificate), presentedChain, errors, roots, serverName);
    }

    private static bool Validate(
        X509Certificate2 certificate, X509Chain? presentedChain, SslPolicyErrors errors, X509Certificate2Collection? roots, string? serverName)
    {
        if ((errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
            return false;
        var nameOk = serverName is null
            ? (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0
            : certificate.MatchesHostname(serverName);
        if (!nameOk)
            return false;
        if (roots is null)
            return (errors & SslPolicyErrors.RemoteCertificateChainErrors) == 0;

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presentedChain is not null)
        {
            foreach (var element in presentedChain.ChainElements)
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
        }
        return chain.Build(certificate);
    }

    private static X509Certificate2 ToX509Certificate2(X509Certificate certificate) =>
        certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
}
