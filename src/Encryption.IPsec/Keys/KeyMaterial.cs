using System.Security.Cryptography;

namespace Encryption.IPsec.Keys;

/// <summary>
/// Secret bytes. Equality compares contents in constant time; <see cref="ToString"/> never shows them.
/// </summary>
public sealed class KeyMaterial : IEquatable<KeyMaterial>
{
    private readonly byte[] bytes;

    public KeyMaterial(ReadOnlySpan<byte> bytes) => this.bytes = bytes.ToArray();

    public static KeyMaterial Empty { get; } = new([]);

    public int Length => bytes.Length;

    public ReadOnlySpan<byte> Span => bytes;

    /// <summary>The bytes as lower-case hex, for writing key files and only when the operator asked for key material.</summary>
    public string RevealHex() => Convert.ToHexStringLower(bytes);

    public bool Equals(KeyMaterial? other) =>
        other is not null && CryptographicOperations.FixedTimeEquals(bytes, other.bytes);

    public override bool Equals(object? obj) => Equals(obj as KeyMaterial);

    public override int GetHashCode() => bytes.Length;

    public override string ToString() => $"[{bytes.Length} bytes redacted]";
}
