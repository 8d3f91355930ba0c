using System.Security.Cryptography;

namespace Encryption.WireGuard.Keys;

/// <summary>
/// A WireGuard (X25519) private key. It never appears in <see cref="ToString"/>, logs, exceptions or status:
/// the only ways out are the transports (which must send it to the device) and <see cref="RevealBase64"/>,
/// for an operator who asked explicitly. <see cref="Dispose"/> wipes the bytes.
/// </summary>
public sealed class PrivateKey : IDisposable
{
    public const int Size = X25519.KeySize;

    private readonly byte[] secret;

    private PrivateKey(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
            throw new ArgumentException($"a WireGuard private key is {Size} bytes, got {bytes.Length}", nameof(bytes));
        secret = bytes.ToArray();
        Span<byte> publicBytes = stackalloc byte[PublicKey.Size];
        X25519.DerivePublicKey(secret, publicBytes);
        PublicKey = new PublicKey(publicBytes);
    }

    /// <summary>X25519(k, 9). Same as: <c>wg pubkey</c>.</summary>
    public PublicKey PublicKey { get; }

    /// <summary>32 bytes from the OS CSPRNG, clamped (RFC 7748 §5). Same as: <c>wg genkey</c>.</summary>
    public static PrivateKey Generate()
    {
        Span<byte> bytes = stackalloc byte[Size];
        RandomNumberGenerator.Fill(bytes);
        X25519.Clamp(bytes);
        try
        {
            return new PrivateKey(bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>Wraps raw bytes as they are (not re-clamped, like Cilium; X25519 clamps internally).</summary>
    public static PrivateKey FromBytes(ReadOnlySpan<byte> bytes) => new(bytes);

    /// <summary>Parses the base64 form <c>wg genkey</c> prints.</summary>
    public static PrivateKey FromBase64(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Span<byte> bytes = stackalloc byte[Size + 3];
        if (text.Length != 44 || !Convert.TryFromBase64String(text, bytes, out var written) || written != Size)
            throw new FormatException("not a base64 WireGuard private key (32 bytes, 44 characters)");
        try
        {
            return new PrivateKey(bytes[..Size]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>Parses the 64-character hex form UAPI uses.</summary>
    public static PrivateKey FromHex(ReadOnlySpan<char> text)
    {
        Span<byte> bytes = stackalloc byte[Size];
        if (!KeyHex.TryDecode(text, bytes))
            throw new FormatException("not a 64-character hex WireGuard private key");
        try
        {
            return new PrivateKey(bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>The key bytes, for the transports that hand it to the device and for the key file.</summary>
    internal ReadOnlySpan<byte> Secret => secret;

    /// <summary>The base64 private key, for an operator who asked for it explicitly. Never log it.</summary>
    public string RevealBase64() => Convert.ToBase64String(secret);

    /// <summary>Compares two private keys in constant time.</summary>
    public bool SecretEquals(PrivateKey other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return CryptographicOperations.FixedTimeEquals(secret, other.secret);
    }

    public override string ToString() => $"(hidden; public key {PublicKey})";

    public void Dispose() => CryptographicOperations.ZeroMemory(secret);
}
