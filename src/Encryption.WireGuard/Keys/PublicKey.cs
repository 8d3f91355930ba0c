using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Encryption.WireGuard.Keys;

/// <summary>
/// A 32-byte WireGuard public key. Text forms: standard base64 with padding (44 characters, as in
/// <c>wg(8)</c>, the <c>network.cilium.io/wg-pub-key</c> annotation and status JSON) and lowercase hex
/// (64 characters, the UAPI form). <see cref="Zero"/> is reserved for the dummy peer.
/// </summary>
public readonly record struct PublicKey : IComparable<PublicKey>
{
    public const int Size = 32;

    private readonly ulong p0, p1, p2, p3;

    public PublicKey(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
            throw new ArgumentException($"a WireGuard key is {Size} bytes, got {bytes.Length}", nameof(bytes));
        p0 = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        p1 = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        p2 = BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]);
        p3 = BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]);
    }

    /// <summary>The all-zero key: a low-order point, never a real peer (Cilium's dummy peer).</summary>
    public static PublicKey Zero => default;

    public bool IsZero => (p0 | p1 | p2 | p3) == 0;

    public void CopyTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, p0);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], p1);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], p2);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], p3);
    }

    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        CopyTo(bytes);
        return bytes;
    }

    public string ToBase64()
    {
        Span<byte> bytes = stackalloc byte[Size];
        CopyTo(bytes);
        return Convert.ToBase64String(bytes);
    }

    public string ToHex()
    {
        Span<byte> bytes = stackalloc byte[Size];
        CopyTo(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    public override string ToString() => ToBase64();

    /// <summary>Parses the 44-character base64 form; anything that is not exactly 32 bytes fails.</summary>
    public static PublicKey FromBase64(string text) =>
        TryFromBase64(text, out var key) ? key : throw new FormatException($"\"{text}\" is not a base64 WireGuard key (32 bytes, 44 characters)");

    public static bool TryFromBase64([NotNullWhen(true)] string? text, out PublicKey key)
    {
        key = default;
        Span<byte> bytes = stackalloc byte[Size + 3];
        if (text is null || text.Length != 44 || !Convert.TryFromBase64String(text, bytes, out var written) || written != Size)
            return false;
        key = new PublicKey(bytes[..Size]);
        return true;
    }

    /// <summary>Parses the 64-character hex form (either case).</summary>
    public static PublicKey FromHex(ReadOnlySpan<char> text)
    {
        Span<byte> bytes = stackalloc byte[Size];
        if (!KeyHex.TryDecode(text, bytes))
            throw new FormatException($"not a 64-character hex WireGuard key ({text.Length} characters)");
        return new PublicKey(bytes);
    }

    public int CompareTo(PublicKey other)
    {
        var c = p0.CompareTo(other.p0);
        if (c == 0) c = p1.CompareTo(other.p1);
        if (c == 0) c = p2.CompareTo(other.p2);
        return c != 0 ? c : p3.CompareTo(other.p3);
    }

    public static bool operator <(PublicKey left, PublicKey right) => left.CompareTo(right) < 0;

    public static bool operator <=(PublicKey left, PublicKey right) => left.CompareTo(right) <= 0;

    public static bool operator >(PublicKey left, PublicKey right) => left.CompareTo(right) > 0;

    public static bool operator >=(PublicKey left, PublicKey right) => left.CompareTo(right) >= 0;
}
