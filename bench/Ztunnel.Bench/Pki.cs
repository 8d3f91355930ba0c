using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ztunnel.Bench;

internal static class Pki
{
    public static X509Certificate2 SelfSigned(AsymmetricAlgorithm key, bool ca, string? dnsName = null)
    {
        CertificateRequest request = key switch
        {
            RSA rsa => new("O=cluster.local", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            ECDsa ec => new("O=cluster.local", ec, HashAlgorithmName.SHA256),
            _ => throw new ArgumentException("RSA or ECDSA key required", nameof(key)),
        };
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(ca, false, 0, true));
        if (ca)
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        if (dnsName is not null)
        {
            var san = new SubjectAlternativeNameBuilder();
            san.AddDnsName(dnsName);
            request.CertificateExtensions.Add(san.Build());
        }

        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    }

    /// <summary>A CSR like ztunnel's: fresh P-256 key, empty subject, one critical SPIFFE URI SAN.</summary>
    public static string Csr(string uri)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName([0x30, 0x00]), key, HashAlgorithmName.SHA256);
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
            writer.WriteCharacterString(UniversalTagNumber.IA5String, uri, new Asn1Tag(TagClass.ContextSpecific, 6));
        request.CertificateExtensions.Add(new X509Extension("2.5.29.17", writer.Encode(), critical: true));
        return request.CreateSigningRequestPem();
    }
}
