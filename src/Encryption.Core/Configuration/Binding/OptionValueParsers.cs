using System.Globalization;
using System.Net;

namespace Encryption.Core.Configuration;

/// <summary>Parsers for option values; each returns null on success or the reason for failure.</summary>
public static class OptionValueParsers
{
    /// <summary>Go's <c>strconv.ParseBool</c> spellings, plus YAML 1.1's yes/no/on/off (Helm reads YAML 1.1).</summary>
    public static bool TryParseBoolean(string text, out bool value)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "true" or "t" or "1" or "yes" or "on":
                value = true;
                return true;
            case "false" or "f" or "0" or "no" or "off":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    public static bool TryParseInteger(string text, out int value) =>
        int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary>Parses a prefix; <paramref name="hadHostBits"/> tells whether bits after the prefix were set (and masked).</summary>
    public static bool TryParseCidr(string text, out IPNetwork value, out bool hadHostBits)
    {
        hadHostBits = false;
        text = text.Trim();
        if (!IPNetwork.TryParse(text, out value))
            return false;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        hadHostBits = IPAddress.TryParse(text.AsSpan(0, slash), out var address) && !address.Equals(value.BaseAddress);
        return true;
    }

    /// <summary>Matches an enum value case-insensitively and returns its canonical spelling.</summary>
    public static string? MatchEnum(string text, IEnumerable<string> allowed) =>
        allowed.FirstOrDefault(a => string.Equals(a, text.Trim(), StringComparison.OrdinalIgnoreCase));

    public static bool TryParseUrl(string text, out Uri value) =>
        Uri.TryCreate(text.Trim(), UriKind.Absolute, out value!) && (value.Scheme == Uri.UriSchemeHttps || value.Scheme == Uri.UriSchemeHttp);

    /// <summary>Whether two written values mean the same for a key of <paramref name="kind"/>.</summary>
    public static bool SameValue(OptionKind kind, string a, string b)
    {
        if (kind == OptionKind.Boolean && TryParseBoolean(a, out var x) && TryParseBoolean(b, out var y))
            return x == y;
        if (kind == OptionKind.Duration && GoDuration.TryParse(a.Trim(), out var d1, out _) && GoDuration.TryParse(b.Trim(), out var d2, out _))
            return d1 == d2;
        if (kind == OptionKind.Enum)
            return string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
        return string.Equals(a.Trim(), b.Trim(), StringComparison.Ordinal);
    }
}
