using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Encryption.Ztunnel.Secrets;

/// <summary>Loads the PEM certificates of a file; the first block must be a CERTIFICATE.</summary>
public static class CertificateLoader
{
    public static IReadOnlyList<X509Certificate2> Load(string path)
    {
        var blocks = PemFile.Read(path);
        if (blocks[0].Label != "CERTIFICATE")
            throw new SecretFileException(path, $"first PEM block is \"{blocks[0].Label}\", expected CERTIFICATE");
        var certificates = new List<X509Certificate2>();
        foreach (var block in blocks.Where(b => b.Label == "CERTIFICATE"))
        {
            try
            {
                certificates.Add(X509CertificateLoader.LoadCertificate(block.Der));
            }
            catch (CryptographicException)
            {
                throw new SecretFileException(path, $"certificate #{certificates.Count + 1} is not a valid X.509 certificate");
            }
        }

        return certificates;
    }

    /// <summary>Attaches <paramref name="key"/> to <paramref name="certificate"/>, or says the two do not belong together.</summary>
    public static X509Certificate2 WithKey(X509Certificate2 certificate, AsymmetricAlgorithm key, string certificatePath, string keyPath)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var certificateKey = certificate.PublicKey.ExportSubjectPublicKeyInfo();
        var privateKeyPublicPart = key switch
        {
            RSA rsa => rsa.ExportSubjectPublicKeyInfo(),
            ECDsa ec => ec.ExportSubjectPublicKeyInfo(),
            _ => throw new SecretFileException(keyPath, "unsupported key type"),
        };
        if (!certificateKey.AsSpan().SequenceEqual(privateKeyPublicPart))
            throw new SecretFileException(keyPath, $"private key does not match the public key of {certificatePath}");
        return key switch
        {
            RSA rsa => certificate.CopyWithPrivateKey(rsa),
            ECDsa ec => certificate.CopyWithPrivateKey(ec),
            _ => throw new SecretFileException(keyPath, "unsupported key type"),
        };
    }
}
