using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Encryption.Ztunnel.Secrets;

namespace Encryption.Ztunnel.Tests.Support;

/// <summary>Writes the four ztunnel secret files, like scripts/generate-ztunnel-secrets.sh but in-process.</summary>
public static class TestPki
{
    public enum KeyFormat
    {
        Pkcs8,
        Pkcs1,
        Sec1,
    }

    public static void WriteSecrets(string directory, bool ecdsaCa = false, KeyFormat caKeyFormat = KeyFormat.Pkcs8, bool ecdsaBootstrap = false, KeyFormat bootstrapKeyFormat = KeyFormat.Pkcs8)
    {
        using AsymmetricAlgorithm caKey = ecdsaCa ? ECDsa.Create(ECCurve.NamedCurves.nistP256) : RSA.Create(2048);
        using var ca = CreateCa(caKey);
        File.WriteAllText(Path.Combine(directory, ZtunnelSecretFiles.CaCertificate), ca.ExportCertificatePem() + "\n");
        File.WriteAllText(Path.Combine(directory, ZtunnelSecretFiles.CaKey), ExportKey(caKey, caKeyFormat));
        using AsymmetricAlgorithm bootstrapKey = ecdsaBootstrap ? ECDsa.Create(ECCurve.NamedCurves.nistP256) : RSA.Create(2048);
        using var bootstrap = CreateBootstrap(bootstrapKey);
        File.WriteAllText(Path.Combine(directory, ZtunnelSecretFiles.BootstrapCertificate), bootstrap.ExportCertificatePem() + "\n");
        File.WriteAllText(Path.Combine(directory, ZtunnelSecretFiles.BootstrapKey), ExportKey(bootstrapKey, bootstrapKeyFormat));
    }

    public static string ExportKey(AsymmetricAlgorithm key, KeyFormat format) => (key, format) switch
    {
        (_, KeyFormat.Pkcs8) => key.ExportPkcs8PrivateKeyPem(),
        (RSA rsa, KeyFormat.Pkcs1) => rsa.ExportRSAPrivateKeyPem(),
        (ECDsa ec, KeyFormat.Sec1) => ec.ExportECPrivateKeyPem(),
        _ => throw new ArgumentException("format does not fit the key"),
    } + "\n";

    private static X509Certificate2 CreateCa(AsymmetricAlgorithm key)
    {
        var request = NewRequest("O=cluster.local", key);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.KeyCertSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(10));
    }

    private static X509Certificate2 CreateBootstrap(AsymmetricAlgorithm key)
    {
        var request = NewRequest("O=cluster.local", key);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(10));
    }

    private static CertificateRequest NewRequest(string subject, AsymmetricAlgorithm key) => key switch
    {
        RSA rsa => new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
        ECDsa ec => new CertificateRequest(subject, ec, HashAlgorithmName.SHA256),
        _ => throw new ArgumentException("RSA or ECDSA key required", nameof(key)),
    };
}
