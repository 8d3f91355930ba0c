using Encryption.WireGuard.Interop;
using System.Security.Cryptography;
using System.Text;

namespace Encryption.WireGuard.Keys;

/// <summary>
/// X25519 (RFC 7748) through OpenSSL's libcrypto. .NET 10 has no X25519 type; this is the one place
/// that calls native crypto. Error messages never contain key bytes.
/// </summary>
public static unsafe class X25519
{
    public const int KeySize = 32;

    /// <summary>The public key of <paramref name="privateKey"/>: X25519(k, 9). Same as: <c>wg pubkey</c>.</summary>
    public static void DerivePublicKey(ReadOnlySpan<byte> privateKey, Span<byte> publicKey)
    {
        RequireSize(privateKey.Length, nameof(privateKey));
        RequireSize(publicKey.Length, nameof(publicKey));
        var pkey = NewPrivate(privateKey);
        try
        {
            nuint length = KeySize;
            fixed (byte* p = publicKey)
            {
                if (LibCrypto.EVP_PKEY_get_raw_public_key(pkey, p, &length) != 1 || length != KeySize)
                    throw Failure("EVP_PKEY_get_raw_public_key");
            }
        }
        finally
        {
            LibCrypto.EVP_PKEY_free(pkey);
        }
    }

    /// <summary>
    /// X25519(<paramref name="scalar"/>, <paramref name="u"/>): the Diffie-Hellman shared secret. An all-zero result
    /// (low-order point, e.g. the all-zero public key) is refused by OpenSSL and throws.
    /// </summary>
    public static void SharedSecret(ReadOnlySpan<byte> scalar, ReadOnlySpan<byte> u, Span<byte> secret)
    {
        RequireSize(scalar.Length, nameof(scalar));
        RequireSize(u.Length, nameof(u));
        RequireSize(secret.Length, nameof(secret));
        IntPtr own = IntPtr.Zero, peer = IntPtr.Zero, context = IntPtr.Zero;
        try
        {
            own = NewPrivate(scalar);
            fixed (byte* pu = u)
                peer = LibCrypto.EVP_PKEY_new_raw_public_key(LibCrypto.EvpPkeyX25519, IntPtr.Zero, pu, KeySize);
            if (peer == IntPtr.Zero)
                throw Failure("EVP_PKEY_new_raw_public_key");
            context = LibCrypto.EVP_PKEY_CTX_new(own, IntPtr.Zero);
            if (context == IntPtr.Zero)
                throw Failure("EVP_PKEY_CTX_new");
            if (LibCrypto.EVP_PKEY_derive_init(context) != 1)
                throw Failure("EVP_PKEY_derive_init");
            if (LibCrypto.EVP_PKEY_derive_set_peer(context, peer) != 1)
                throw Failure("EVP_PKEY_derive_set_peer");
            nuint length = KeySize;
            fixed (byte* ps = secret)
            {
                if (LibCrypto.EVP_PKEY_derive(context, ps, &length) != 1 || length != KeySize)
                    throw Failure("EVP_PKEY_derive (low-order point?)");
            }
        }
        finally
        {
            if (context != IntPtr.Zero)
                LibCrypto.EVP_PKEY_CTX_free(context);
            if (peer != IntPtr.Zero)
                LibCrypto.EVP_PKEY_free(peer);
            if (own != IntPtr.Zero)
                LibCrypto.EVP_PKEY_free(own);
        }
    }

    /// <summary>RFC 7748 §5 clamping, as WireGuard applies it to private keys: k[0] &amp;= 248, k[31] &amp;= 127, k[31] |= 64.</summary>
    public static void Clamp(Span<byte> scalar)
    {
        RequireSize(scalar.Length, nameof(scalar));
        scalar[0] &= 248;
        scalar[31] &= 127;
        scalar[31] |= 64;
    }

    private static IntPtr NewPrivate(ReadOnlySpan<byte> scalar)
    {
        IntPtr pkey;
        fixed (byte* p = scalar)
            pkey = LibCrypto.EVP_PKEY_new_raw_private_key(LibCrypto.EvpPkeyX25519, IntPtr.Zero, p, KeySize);
        return pkey != IntPtr.Zero ? pkey : throw Failure("EVP_PKEY_new_raw_private_key");
    }

    private static void RequireSize(int length, string name)
    {
        if (length != KeySize)
            throw new ArgumentException($"an X25519 value is {KeySize} bytes, got {length}", name);
    }

    private static CryptographicException Failure(string function)
    {
        var text = new StringBuilder();
        Span<byte> buffer = stackalloc byte[256];
        for (var error = LibCrypto.ERR_get_error(); error != 0; error = LibCrypto.ERR_get_error())
        {
            fixed (byte* p = buffer)
                LibCrypto.ERR_error_string_n(error, p, (nuint)buffer.Length);
            var end = buffer.IndexOf((byte)0);
            text.Append(text.Length == 0 ? ": " : "; ").Append(Encoding.ASCII.GetString(end >= 0 ? buffer[..end] : buffer));
        }

        return new CryptographicException($"OpenSSL {function} failed{text}");
    }
}
