using System.Globalization;
using System.Security.Cryptography;

namespace Encryption.IPsec.Keys;

/// <summary>Key algorithms <c>keys create</c> offers, named as cilium-cli's <c>--auth-algo</c>.</summary>
public enum KeyTemplate
{
    /// <summary><c>rfc4106-gcm-aes</c>: <c>rfc4106(gcm(aes))</c>, 20 random bytes (AES-128 + salt), ICV 128.</summary>
    Rfc4106GcmAes,

    /// <summary><c>cbc-aes-sha256</c>: <c>hmac(sha256)</c> 16 bytes + <c>cbc(aes)</c> 16 bytes.</summary>
    CbcAesSha256,

    /// <summary><c>cbc-aes-sha512</c>: <c>hmac(sha512)</c> 32 bytes + <c>cbc(aes)</c> 16 bytes.</summary>
    CbcAesSha512,
}

/// <summary>
/// Writes key-file lines the way cilium-cli does: <c>create-key</c> (key ID 1) and <c>rotate-key</c> (next ID with
/// 15 -> 1 rollover, same algorithms, fresh random material of the same sizes). Randomness comes from the OS CSPRNG.
/// </summary>
public static class KeyFileWriter
{
    public static KeyTemplate ParseTemplate(string name) => name switch
    {
        "rfc4106-gcm-aes" => KeyTemplate.Rfc4106GcmAes,
        "cbc-aes-sha256" => KeyTemplate.CbcAesSha256,
        "cbc-aes-sha512" => KeyTemplate.CbcAesSha512,
        _ => throw new ArgumentException($"unknown key algorithm \"{name}\": use rfc4106-gcm-aes, cbc-aes-sha256 or cbc-aes-sha512", nameof(name)),
    };

    /// <summary>A new key line with ID <paramref name="spi"/> (1 for a first key).</summary>
    public static string Create(KeyTemplate template, byte spi = 1) => template switch
    {
        KeyTemplate.Rfc4106GcmAes => Line(spi, $"rfc4106(gcm(aes)) {RandomHex(20)} 128"),
        KeyTemplate.CbcAesSha256 => Line(spi, $"hmac(sha256) {RandomHex(16)} cbc(aes) {RandomHex(16)}"),
        KeyTemplate.CbcAesSha512 => Line(spi, $"hmac(sha512) {RandomHex(32)} cbc(aes) {RandomHex(16)}"),
        _ => throw new ArgumentOutOfRangeException(nameof(template)),
    };

    /// <summary>
    /// The line that rotates away from the key in force in <paramref name="currentFile"/>: next key ID, same algorithms
    /// and sizes, new random material; or <paramref name="template"/> when given (the agent refuses a length change).
    /// </summary>
    public static string Rotate(string currentFile, KeyTemplate? template = null)
    {
        var current = KeyFileParser.ParseCurrent(currentFile, "current key file");
        var next = IPsecKey.NextSpi(current.Spi);
        if (template is { } chosen)
            return Create(chosen, next);
        return current.Algorithm switch
        {
            IPsecAlgorithm.Aead a => Line(next, $"{a.Name} {RandomHex(a.Key.Length)} {a.IcvBits}"),
            IPsecAlgorithm.AuthEnc s => Line(next, $"{s.AuthName} {HexOrEmpty(s.AuthKey.Length)} {s.EncName} {HexOrEmpty(s.EncKey.Length)}"),
            _ => throw new InvalidOperationException("unsupported key algorithm"),
        };
    }

    private static string Line(byte spi, string rest) => string.Create(CultureInfo.InvariantCulture, $"{spi}+ {rest}");

    private static string HexOrEmpty(int bytes) => bytes == 0 ? "\"\"" : RandomHex(bytes);

    private static string RandomHex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));
}
