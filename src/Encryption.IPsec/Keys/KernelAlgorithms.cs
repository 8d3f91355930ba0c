using System.Collections.Frozen;

namespace Encryption.IPsec.Keys;

/// <summary>
/// What the kernel accepts for ESP (net/xfrm/xfrm_algo.c and the crypto templates), so a bad key file is
/// refused before anything is sent to the kernel. Key sizes are in bytes; ICV lengths in bits.
/// </summary>
public static class KernelAlgorithms
{
    /// <summary>AEADs: key bytes include the salt (4 bytes for GCM and ChaCha20-Poly1305, 3 for CCM).</summary>
    public static readonly FrozenDictionary<string, (int[] KeyBytes, int[] IcvBits)> Aead =
        new Dictionary<string, (int[], int[])>(StringComparer.Ordinal)
        {
            ["rfc4106(gcm(aes))"] = ([20, 28, 36], [64, 96, 128]),
            ["rfc4309(ccm(aes))"] = ([19, 27, 35], [64, 96, 128]),
            ["rfc7539esp(chacha20,poly1305)"] = ([36], [128]),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Authentication algorithms (sent as AUTH_TRUNC, truncation = kernel default); null = any key length.</summary>
    public static readonly FrozenDictionary<string, int[]?> Auth =
        new Dictionary<string, int[]?>(StringComparer.Ordinal)
        {
            ["hmac(sha1)"] = null,
            ["hmac(sha256)"] = null,
            ["hmac(sha384)"] = null,
            ["hmac(sha512)"] = null,
            ["hmac(md5)"] = null,
            ["xcbc(aes)"] = [16],
            ["cmac(aes)"] = [16],
            ["digest_null"] = [0],
        }.ToFrozenDictionary(StringComparer.Ordinal);

    public static readonly FrozenDictionary<string, int[]> Encryption =
        new Dictionary<string, int[]>(StringComparer.Ordinal)
        {
            ["cbc(aes)"] = [16, 24, 32],
            ["rfc3686(ctr(aes))"] = [20, 28, 36],
            ["cbc(des3_ede)"] = [24],
            ["cipher_null"] = [0],
        }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>SHA-512 gives 64 bytes: a longer global key cannot be derived per tunnel.</summary>
    public const int MaxGlobalKeyBytes = 64;
}
