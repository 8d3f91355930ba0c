using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Encryption.Ztunnel.Grpc;

namespace Encryption.Ztunnel.Ca;

/// <summary>A CSR whose signature was verified, with the one SPIFFE identity it asks for.</summary>
public sealed record VerifiedCertificateRequest(CertificateRequest Request, SpiffeId Identity);

/// <summary>
/// Reads a PEM CSR: checks its self-signature (proof of possession of the key) and requires that its
/// subjectAltName holds exactly one name, a SPIFFE URI. The subject is not required (ztunnel's is empty).
/// </summary>
public static class CertificateRequestReader
{
    private const string SubjectAltNameOid = "2.5.29.17";
    private static readonly Asn1Tag UriTag = new(TagClass.ContextSpecific, 6);

    /// <exception cref="GrpcStatusException">INVALID_ARGUMENT naming what is wrong.</exception>
    public static VerifiedCertificateRequest Read(string pem)
    {
        if (string.IsNullOrWhiteSpace(pem))
            throw Invalid("empty CSR");
        var blocks = Secrets.PemFile.Parse(pem);
        if (blocks.Count != 1 || blocks[0].Label != "CERTIFICATE REQUEST")
            throw Invalid("CSR must be exactly one PEM block labelled CERTIFICATE REQUEST");
        CertificateRequest request;
        try
        {
            // Verifies the CSR's signature; the extensions are loaded so the SAN can be read.
            request = CertificateRequest.LoadSigningRequest(
                blocks[0].Der, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions);
        }
        catch (CryptographicException)
        {
            throw Invalid("CSR signature does not verify or the CSR is malformed");
        }

        var identity = ReadIdentity(request);
        return new VerifiedCertificateRequest(request, identity);
    }

    private static SpiffeId ReadIdentity(CertificateRequest request)
    {
        var sans = request.CertificateExtensions.Where(e => e.Oid?.Value == SubjectAltNameOid).ToList();
        if (sans.Count != 1)
            throw Invalid("CSR must carry one subjectAltName extension with one spiffe:// URI");
        var names = ReadGeneralNames(sans[0].RawData);
        if (names.Count != 1 || names[0].Uri is null)
            throw Invalid($"CSR subjectAltName must hold exactly one name, a spiffe:// URI (found {names.Count} name(s))");
        if (!SpiffeId.TryParse(names[0].Uri, out var id, out var error))
            throw Invalid($"CSR URI \"{names[0].Uri}\": {error}");
        return id;
    }

    /// <summary>GeneralNames ::= SEQUENCE OF GeneralName; uniformResourceIdentifier is [6] IA5String.</summary>
    private static List<(Asn1Tag Tag, string? Uri)> ReadGeneralNames(byte[] der)
    {
        try
        {
            var sequence = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
            var names = new List<(Asn1Tag, string?)>();
            while (sequence.HasData)
            {
                var tag = sequence.PeekTag();
                if (tag.HasSameClassAndValue(UriTag))
                    names.Add((tag, sequence.ReadCharacterString(UniversalTagNumber.IA5String, UriTag)));
                else
                {
                    names.Add((tag, null));
                    sequence.ReadEncodedValue();
                }
            }

            return names;
        }
        catch (AsnContentException)
        {
            throw Invalid("CSR subjectAltName is malformed");
        }
    }

    private static GrpcStatusException Invalid(string message) => new(GrpcStatusCode.InvalidArgument, message);
}
