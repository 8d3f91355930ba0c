using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Encryption.Kubernetes.Config;

/// <summary>Loads PEM CA bundles and certificate+key pairs; errors name the source, never the contents.</summary>
public static class PemCertificates
{
    /// <summary>Every certificate in a PEM bundle (ca.crt may hold several roots during CA rotation).</summary>
    public static X509Certificate2Collection LoadBundle(string pem, string source)
    {
        var bundle = new X509Certificate2Collection();
        try
        {
            bundle.ImportFromPem(pem);
        }
        catch (CryptographicException e)
        {
            throw new KubernetesConfigException($"Cannot parse the CA bundle from {source}: {e.Message}", e);
        }
        if (bundle.Count == 0)
            throw new KubernetesConfigException($"The CA bundle from {source} holds no PEM certificate.");
        return bundle;
    }

    /// <summary>A client certificate joined with its private key (RSA or EC, PKCS#1/PKCS#8/SEC1 PEM).</summary>
    public static X509Certificate2 LoadClientCertificate(string certificatePem, string keyPem, string source)
    {
        try
        {
            using var ephemeral = X509Certificate2.CreateFromPem(certificatePem, keyPem);
            // Round-trip through PKCS#12 so the key is usable by SslStream on every platform.
            return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), password: null);
        }
        catch (CryptographicException e)
        {
            throw new KubernetesConfigException($"Cannot load the client certificate and key from {source}: {e.Message}", e);
        }
    }
}
