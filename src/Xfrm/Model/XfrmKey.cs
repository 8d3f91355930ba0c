using System.Security.Cryptography;

namespace Xfrm.Model;

/// <summary>
/// Key material of an algorithm. Compares by value (in constant time) and never prints itself:
/// <see cref="ToString"/> shows only the length. <see cref="RevealHex"/> exists for the explicit
/// <c>ip xfrm</c>-style rendering an operator asks for.
/// </summary>
public sealed class XfrmKey : IEquatable<XfrmKey>
{
    private readonly byte[] bytes;

    public XfrmKey(ReadOnlySpan<byte> bytes) => this.bytes = bytes.ToArray();

    public static XfrmKey Empty { get; } = new([]);

    /// <summary>Parses hex digits, with or without a <c>0x</c> prefix.</summary>
    public static XfrmKey FromHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        var digits = hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hex[2..] : hex;
        return new XfrmKey(Convert.FromHexString(digits));
    }

    public int Length => bytes.Length;

    public int Bits => bytes.Length * 8;

    public ReadOnlySpan<byte> Span => bytes;

    /// <summary>The key as lower-case hex with a <c>0x</c> prefix. Only for output the operator explicitly asked for.</summary>
    public string RevealHex() => "0x" + Convert.ToHexStringLower(bytes);

    public bool Equals(XfrmKey? other) =>
        other is not null && other.bytes.Length == bytes.Length && CryptographicOperations.FixedTimeEquals(bytes, other.bytes);

    public override bool Equals(object? obj) => Equals(obj as XfrmKey);

    public override int GetHashCode() => bytes.Length;

    public override string ToString() => $"<{bytes.Length}-byte key redacted>";
}
