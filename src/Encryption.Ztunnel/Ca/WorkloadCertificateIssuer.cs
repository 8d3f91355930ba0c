using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Encryption.Ztunnel.Ca;

/// <summary>
/// Signs workload certificates with the CA key: empty subject, the SPIFFE URI as the only (critical)
/// subjectAltName, CA:false, digitalSignature + keyEncipherment, serverAuth + clientAuth (the same leaf
/// is ztunnel's TLS client and server), authority key identifier of the CA, a random 128-bit serial.
/// </summary>
public sealed class WorkloadCertificateIssuer
{
    private readonly X509Certificate2 ca;
    private readonly X509SignatureGenerator generator;
    private readonly X509AuthorityKeyIdentifierExtension authorityKeyIdentifier;
    private readonly TimeProvider timeProvider;

    public WorkloadCertificateIssuer(X509Certificate2 caWithKey, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(caWithKey);
        ca = caWithKey;
        this.timeProvider = timeProvider;
        generator = caWithKey.GetRSAPrivateKey() is { } rsa
            ? X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1)
            : caWithKey.GetECDsaPrivateKey() is { } ec
                ? X509SignatureGenerator.CreateForECDsa(ec)
                : throw new ArgumentException("CA certificate has no RSA or ECDSA private key", nameof(caWithKey));
        authorityKeyIdentifier = X509AuthorityKeyIdentifierExtension.CreateFromCertificate(caWithKey, true, false);
    }

    public X509Certificate2 Issue(CertificateRequest csr, SpiffeId identity, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(csr);
        ArgumentNullException.ThrowIfNull(identity);
        var now = timeProvider.GetUtcNow();
        var notBefore = now - CertificateLifetime.Backdate;
        var notAfter = now + lifetime;
        var caNotAfter = new DateTimeOffset(ca.NotAfter.ToUniversalTime());
        if (notAfter > caNotAfter)
            notAfter = caNotAfter;

        var request = new CertificateRequest(new X500DistinguishedName([0x30, 0x00]), csr.PublicKey, HashAlgorithmFor(ca));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(csr.PublicKey, false));
        request.CertificateExtensions.Add(authorityKeyIdentifier);
        request.CertificateExtensions.Add(UriSubjectAltName(identity.ToString()));
        return request.Create(ca.SubjectName, generator, notBefore, notAfter, NewSerial());
    }

    /// <summary>RFC 5280 4.2.1.6: with an empty subject the subjectAltName must be critical.</summary>
    private static X509Extension UriSubjectAltName(string uri)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
            writer.WriteCharacterString(UniversalTagNumber.IA5String, uri, new Asn1Tag(TagClass.ContextSpecific, 6));
        return new X509Extension("2.5.29.17", writer.Encode(), critical: true);
    }

    private static byte[] NewSerial()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // positive
        serial[0] |= 0x01; // never zero, never shortened by DER
        return serial;
    }

    private static HashAlgorithmName HashAlgorithmFor(X509Certificate2 ca)
    {
        using var ec = ca.GetECDsaPublicKey();
        return ec?.KeySize switch
        {
            > 384 => HashAlgorithmName.SHA512,
            > 256 => HashAlgorithmName.SHA384,
            _ => HashAlgorithmName.SHA256,
        };
    }
}
