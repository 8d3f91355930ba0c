using System.Runtime.InteropServices;

namespace Encryption.WireGuard.Interop;

/// <summary>
/// The few OpenSSL 3 (<c>libcrypto.so.3</c>, Debian <c>libssl3</c>) entry points X25519 needs.
/// Pointers are <see cref="IntPtr"/>, <c>size_t</c> is <see cref="nuint"/>, ENGINE is always null.
/// </summary>
internal static unsafe partial class LibCrypto
{
    private const string Library = "libcrypto.so.3";

    /// <summary><c>EVP_PKEY_X25519</c> = <c>NID_X25519</c>.</summary>
    public const int EvpPkeyX25519 = 1034;

    /// <summary><c>EVP_PKEY *EVP_PKEY_new_raw_private_key(int type, ENGINE *e, const unsigned char *priv, size_t len);</c></summary>
    [LibraryImport(Library)]
    public static partial IntPtr EVP_PKEY_new_raw_private_key(int type, IntPtr engine, byte* key, nuint length);

    /// <summary><c>EVP_PKEY *EVP_PKEY_new_raw_public_key(int type, ENGINE *e, const unsigned char *pub, size_t len);</c></summary>
    [LibraryImport(Library)]
    public static partial IntPtr EVP_PKEY_new_raw_public_key(int type, IntPtr engine, byte* key, nuint length);

    /// <summary><c>int EVP_PKEY_get_raw_public_key(const EVP_PKEY *pkey, unsigned char *pub, size_t *len);</c></summary>
    [LibraryImport(Library)]
    public static partial int EVP_PKEY_get_raw_public_key(IntPtr pkey, byte* key, nuint* length);

    /// <summary><c>EVP_PKEY_CTX *EVP_PKEY_CTX_new(EVP_PKEY *pkey, ENGINE *e);</c></summary>
    [LibraryImport(Library)]
    public static partial IntPtr EVP_PKEY_CTX_new(IntPtr pkey, IntPtr engine);

    /// <summary><c>int EVP_PKEY_derive_init(EVP_PKEY_CTX *ctx);</c></summary>
    [LibraryImport(Library)]
    public static partial int EVP_PKEY_derive_init(IntPtr context);

    /// <summary><c>int EVP_PKEY_derive_set_peer(EVP_PKEY_CTX *ctx, EVP_PKEY *peer);</c></summary>
    [LibraryImport(Library)]
    public static partial int EVP_PKEY_derive_set_peer(IntPtr context, IntPtr peer);

    /// <summary><c>int EVP_PKEY_derive(EVP_PKEY_CTX *ctx, unsigned char *key, size_t *keylen);</c></summary>
    [LibraryImport(Library)]
    public static partial int EVP_PKEY_derive(IntPtr context, byte* key, nuint* length);

    /// <summary><c>void EVP_PKEY_CTX_free(EVP_PKEY_CTX *ctx);</c></summary>
    [LibraryImport(Library)]
    public static partial void EVP_PKEY_CTX_free(IntPtr context);

    /// <summary><c>void EVP_PKEY_free(EVP_PKEY *pkey);</c></summary>
    [LibraryImport(Library)]
    public static partial void EVP_PKEY_free(IntPtr pkey);

    /// <summary><c>unsigned long ERR_get_error(void);</c> (pops the oldest error of this thread's queue).</summary>
    [LibraryImport(Library)]
    public static partial nuint ERR_get_error();

    /// <summary><c>void ERR_error_string_n(unsigned long e, char *buf, size_t len);</c></summary>
    [LibraryImport(Library)]
    public static partial void ERR_error_string_n(nuint error, byte* buffer, nuint length);

    /// <summary><c>void ERR_clear_error(void);</c></summary>
    [LibraryImport(Library)]
    public static partial void ERR_clear_error();
}
