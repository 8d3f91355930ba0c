using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Encryption.IPsec.Keys;

/// <summary>
/// Cilium's per-tunnel key derivation: key = first len(G) bytes of SHA-256 (or SHA-512 when len(G) &gt; 32) of
/// <c>G ‖ src ‖ dst ‖ srcBootId[..36] ‖ dstBootId[..36]</c>, where src/dst are the outer addresses of the state
/// (IPv4 as 4 bytes, IPv6 as 16) and the boot IDs are those of the sending and the receiving node.
/// </summary>
public static class KeyDerivation
{
    public const int BootIdLength = 36;

    public static KeyMaterial Derive(KeyMaterial global, IPAddress source, IPAddress destination, string sourceBootId, string destinationBootId)
    {
        ArgumentNullException.ThrowIfNull(global);
        if (global.Length == 0)
            return KeyMaterial.Empty; // digest_null / cipher_null
        if (global.Length > KernelAlgorithms.MaxGlobalKeyBytes)
            throw new ArgumentException($"a {global.Length}-byte key cannot be derived (at most {KernelAlgorithms.MaxGlobalKeyBytes})", nameof(global));
        var src = Canonical(source);
        var dst = Canonical(destination);
        var bootSrc = BootIdBytes(sourceBootId, nameof(sourceBootId));
        var bootDst = BootIdBytes(destinationBootId, nameof(destinationBootId));

        Span<byte> input = stackalloc byte[global.Length + src.Length + dst.Length + 2 * BootIdLength];
        var at = 0;
        foreach (var part in new[] { global.Span.ToArray(), src, dst, bootSrc, bootDst })
        {
            part.CopyTo(input[at..]);
            at += part.Length;
        }

        Span<byte> hash = stackalloc byte[64];
        var written = global.Length <= 32 ? SHA256.HashData(input, hash) : SHA512.HashData(input, hash);
        var key = new KeyMaterial(hash[..global.Length]);
        CryptographicOperations.ZeroMemory(input);
        CryptographicOperations.ZeroMemory(hash[..written]);
        return key;
    }

    /// <summary>Derives both keys of an algorithm (AEAD key, or auth and enc keys separately).</summary>
    public static IPsecAlgorithm Derive(IPsecAlgorithm algorithm, IPAddress source, IPAddress destination, string sourceBootId, string destinationBootId) =>
        algorithm switch
        {
            IPsecAlgorithm.Aead a => a with { Key = Derive(a.Key, source, destination, sourceBootId, destinationBootId) },
            IPsecAlgorithm.AuthEnc s => s with
            {
                AuthKey = Derive(s.AuthKey, source, destination, sourceBootId, destinationBootId),
                EncKey = Derive(s.EncKey, source, destination, sourceBootId, destinationBootId),
            },
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
        };

    /// <summary>True when <paramref name="bootId"/> can salt a derivation (at least 36 characters).</summary>
    public static bool IsUsableBootId(string? bootId) => bootId is not null && Encoding.ASCII.GetByteCount(bootId) >= BootIdLength;

    private static byte[] Canonical(IPAddress address) =>
        address.IsIPv4MappedToIPv6 ? address.MapToIPv4().GetAddressBytes() : address.GetAddressBytes();

    private static byte[] BootIdBytes(string bootId, string name)
    {
        if (!IsUsableBootId(bootId))
            throw new ArgumentException("incorrect size for boot ID, should be at least 36 characters long", name);
        return Encoding.ASCII.GetBytes(bootId)[..BootIdLength];
    }
}
