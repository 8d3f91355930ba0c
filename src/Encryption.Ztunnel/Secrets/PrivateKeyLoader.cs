using System.Formats.Asn1;
using System.Security.Cryptography;

namespace Encryption.Ztunnel.Secrets;

/// <summary>
/// Loads an RSA or ECDSA private key from PEM: PKCS#8 (<c>PRIVATE KEY</c>, what OpenSSL 3 writes),
/// PKCS#1 (<c>RSA PRIVATE KEY</c>) or SEC1 (<c>EC PRIVATE KEY</c>, after an optional <c>EC PARAMETERS</c>).
/// Unlike Cilium's loader, PKCS#1 and ECDSA keys are accepted.
/// </summary>
public static class PrivateKeyLoader
{
    private const string RsaOid = "1.2.840.113549.1.1.1";
    private const string EcOid = "1.2.840.10045.2.1";

    public static AsymmetricAlgorithm Load(string path)
    {
        var blocks = PemFile.Read(path).Where(b => b.Label != "EC PARAMETERS").ToList();
        if (blocks.Count == 0)
            throw new SecretFileException(path, "holds only EC PARAMETERS, no private key");
        var block = blocks[0];
        return block.Label switch
        {
            "PRIVATE KEY" => LoadPkcs8(path, block.Der),
            "RSA PRIVATE KEY" => Import(path, "PKCS#1 RSA", () =>
            {
                var rsa = RSA.Create();
                rsa.ImportRSAPrivateKey(block.Der, out _);
                return rsa;
            }),
            "EC PRIVATE KEY" => Import(path, "SEC1 EC", () =>
            {
                var ec = ECDsa.Create();
                ec.ImportECPrivateKey(block.Der, out _);
                return ec;
            }),
            "ENCRYPTED PRIVATE KEY" => throw new SecretFileException(path, "the private key is encrypted; a passphrase-less key is required"),
            _ => throw new SecretFileException(path, $"expected a private key, found a PEM block labelled \"{block.Label}\""),
        };
    }

    private static AsymmetricAlgorithm LoadPkcs8(string path, byte[] der)
    {
        var oid = ReadPkcs8AlgorithmOid(path, der);
        return oid switch
        {
            RsaOid => Import(path, "PKCS#8 RSA", () =>
            {
                var rsa = RSA.Create();
                rsa.ImportPkcs8PrivateKey(der, out _);
                return rsa;
            }),
            EcOid => Import(path, "PKCS#8 EC", () =>
            {
                var ec = ECDsa.Create();
                ec.ImportPkcs8PrivateKey(der, out _);
                return ec;
            }),
            _ => throw new SecretFileException(path, $"unsupported private key algorithm {oid} (RSA or ECDSA required)"),
        };
    }

    /// <summary>PrivateKeyInfo ::= SEQUENCE { version INTEGER, privateKeyAlgorithm AlgorithmIdentifier, ... }.</summary>
    private static string ReadPkcs8AlgorithmOid(string path, byte[] der)
    {
        try
        {
            var info = new AsnReader(der, AsnEncodingRules.BER).ReadSequence();
            _ = info.ReadInteger();
            return info.ReadSequence().ReadObjectIdentifier();
        }
        catch (AsnContentException)
        {
            throw new SecretFileException(path, "PRIVATE KEY block is not a valid PKCS#8 structure");
        }
    }

    private static AsymmetricAlgorithm Import(string path, string kind, Func<AsymmetricAlgorithm> import)
    {
        try
        {
            return import();
        }
        catch (CryptographicException)
        {
            // The parser's message is dropped on purpose: nothing about the key's bytes leaves this method.
            throw new SecretFileException(path, $"not a valid {kind} private key");
        }
    }
}
