using System.Globalization;

namespace Encryption.IPsec.Diagnostics;

/// <summary>
/// The highest output sequence number among the node's states, against its space: 2^32 without ESN, 2^64 with ESN.
/// A state that reaches the end drops every packet (<c>XfrmOutStateSeqError</c>) until a rotation replaces it.
/// </summary>
public sealed record SequenceNumberUsage(ulong MaxSequenceNumber, bool Esn)
{
    /// <summary>Warn from this share of the sequence space on (90 %).</summary>
    public const int WarnPercent = 90;

    /// <summary>The last usable sequence number: <c>0xffffffff</c> or <c>0xffffffffffffffff</c>.</summary>
    public ulong Limit => Esn ? ulong.MaxValue : uint.MaxValue;

    /// <summary>Used share of the space (0..1).</summary>
    public double Used => MaxSequenceNumber / ((double)Limit + 1);

    /// <summary>Above 90 % of 2^32 (non-ESN) or 2^64 (ESN); exact, no floating point.</summary>
    public bool NearExhaustion => (UInt128)MaxSequenceNumber * 100 > ((UInt128)Limit + 1) * WarnPercent;

    /// <summary>
    /// Reads Cilium's <c>max-seq-number</c> text, <c>0x1e3/0xffffffffffffffff</c> (ESN) or <c>0x1e3/0xffffffff</c>;
    /// null for <c>N/A</c>, an empty or unreadable value.
    /// </summary>
    public static SequenceNumberUsage? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var parts = text.Trim().Split('/');
        if (parts.Length != 2 || !TryHex(parts[0], out var value) || !TryHex(parts[1], out var limit))
            return null;
        return limit switch
        {
            ulong.MaxValue => new SequenceNumberUsage(value, Esn: true),
            uint.MaxValue => new SequenceNumberUsage(value, Esn: false),
            _ => null,
        };
    }

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"0x{MaxSequenceNumber:x}/0x{Limit:x} ({Used * 100:0.#}% of 2^{(Esn ? 64 : 32)}{(Esn ? ", ESN" : ", no ESN")})");

    private static bool TryHex(string text, out ulong value)
    {
        value = 0;
        return text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
    }
}
