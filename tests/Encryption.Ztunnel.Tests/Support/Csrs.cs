using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Encryption.Ztunnel.Tests.Support;

/// <summary>CSRs shaped like ztunnel's: fresh ECDSA P-256 key, empty subject, one critical URI SAN.</summary>
public static class Csrs
{
    public static string For(string uri, params string[] extraUris)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return For(key, [uri, .. extraUris]);
    }

    public static string For(ECDsa key, IReadOnlyList<string> uris)
    {
        var request = new CertificateRequest(new X500DistinguishedName([0x30, 0x00]), key, HashAlgorithmName.SHA256);
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            foreach (var uri in uris)
                writer.WriteCharacterString(UniversalTagNumber.IA5String, uri, new Asn1Tag(TagClass.ContextSpecific, 6));
        }

        request.CertificateExtensions.Add(new X509Extension("2.5.29.17", writer.Encode(), critical: true));
        return request.CreateSigningRequestPem();
    }

    /// <summary>A CSR whose signature no longer matches its content (one bit of the signature flipped).</summary>
    public static string WithBrokenSignature(string uri)
    {
        var pem = For(uri);
        var der = Convert.FromBase64String(string.Concat(pem.Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal))));
        der[^5] ^= 0x01;
        return PemEncoding.WriteString("CERTIFICATE REQUEST", der);
    }
}
