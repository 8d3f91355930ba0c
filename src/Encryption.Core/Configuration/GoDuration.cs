using System.Globalization;
using System.Text;

namespace Encryption.Core.Configuration;

/// <summary>
/// Go's <c>time.ParseDuration</c> syntax (<c>5m</c>, <c>0s</c>, <c>1h30m</c>, <c>1.5s</c>, <c>300ms</c>), which Cilium
/// uses for every duration option, and Go's <c>Duration.String</c> format (<c>5m0s</c>). Values below the 100 ns
/// resolution of <see cref="TimeSpan"/> are truncated.
/// </summary>
public static class GoDuration
{
    private const long Nanosecond = 1;
    private const long Microsecond = 1000 * Nanosecond;
    private const long Millisecond = 1000 * Microsecond;
    private const long Second = 1000 * Millisecond;
    private const long Minute = 60 * Second;
    private const long Hour = 60 * Minute;

    public static TimeSpan Parse(string text) =>
        TryParse(text, out var value, out var error) ? value : throw new FormatException($"invalid duration '{text}': {error}");

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says why, in Go's words.</summary>
    public static bool TryParse(string text, out TimeSpan value, out string error)
    {
        value = default;
        error = "";
        var s = text.AsSpan();
        var negative = false;
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+'))
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (s is "0")
            return true;
        if (s.IsEmpty)
        {
            error = "invalid duration";
            return false;
        }

        ulong total = 0;
        while (!s.IsEmpty)
        {
            if (s[0] != '.' && !char.IsAsciiDigit(s[0]))
            {
                error = "invalid duration";
                return false;
            }

            var digits = Leading(s, char.IsAsciiDigit);
            var whole = s[..digits];
            s = s[digits..];
            ReadOnlySpan<char> fraction = default;
            if (!s.IsEmpty && s[0] == '.')
            {
                var fractionDigits = Leading(s[1..], char.IsAsciiDigit);
                fraction = s.Slice(1, fractionDigits);
                s = s[(1 + fractionDigits)..];
                if (whole.IsEmpty && fraction.IsEmpty)
                {
                    error = "invalid duration";
                    return false;
                }
            }

            var unitLength = Leading(s, c => c != '.' && !char.IsAsciiDigit(c));
            var unitText = s[..unitLength];
            s = s[unitLength..];
            if (unitText.IsEmpty)
            {
                error = "missing unit in duration";
                return false;
            }

            var unit = UnitOf(unitText);
            if (unit == 0)
            {
                error = $"unknown unit \"{unitText}\" in duration";
                return false;
            }

            if (!ulong.TryParse(whole.IsEmpty ? "0" : whole, NumberStyles.None, CultureInfo.InvariantCulture, out var v)
                || v > long.MaxValue / (ulong)unit)
            {
                error = "invalid duration (overflow)";
                return false;
            }

            var amount = v * (ulong)unit;
            if (!fraction.IsEmpty)
            {
                var f = double.Parse("0." + fraction.ToString(), CultureInfo.InvariantCulture);
                amount += (ulong)(f * unit);
            }

            total += amount;
            if (total > long.MaxValue)
            {
                error = "invalid duration (overflow)";
                return false;
            }
        }

        var ticks = (long)total / 100;
        value = TimeSpan.FromTicks(negative ? -ticks : ticks);
        return true;
    }

    /// <summary>Formats like Go's <c>Duration.String</c>: <c>0s</c>, <c>1.5ms</c>, <c>5m0s</c>, <c>1h30m0s</c>.</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
            return "0s";
        var builder = new StringBuilder();
        if (value < TimeSpan.Zero)
            builder.Append('-');
        var ns = (ulong)Math.Abs(value.Ticks) * 100;
        if (ns < Second)
        {
            var (unit, name) = ns switch
            {
                < Microsecond => (Nanosecond, "ns"),
                < Millisecond => (Microsecond, "µs"),
                _ => (Millisecond, "ms"),
            };
            AppendFraction(builder, ns, (ulong)unit);
            return builder.Append(name).ToString();
        }

        var hours = ns / Hour;
        var minutes = ns % Hour / Minute;
        if (hours > 0)
            builder.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
        if (hours > 0 || minutes > 0)
            builder.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
        AppendFraction(builder, ns % Minute, Second);
        return builder.Append('s').ToString();
    }

    private static void AppendFraction(StringBuilder builder, ulong value, ulong unit)
    {
        builder.Append((value / unit).ToString(CultureInfo.InvariantCulture));
        var remainder = value % unit;
        if (remainder == 0)
            return;
        var digits = unit.ToString(CultureInfo.InvariantCulture).Length - 1;
        builder.Append('.').Append(remainder.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0').TrimEnd('0'));
    }

    private static long UnitOf(ReadOnlySpan<char> unit) => unit switch
    {
        "ns" => Nanosecond,
        "us" or "µs" or "μs" => Microsecond,
        "ms" => Millisecond,
        "s" => Second,
        "m" => Minute,
        "h" => Hour,
        _ => 0,
    };

    private static int Leading(ReadOnlySpan<char> s, Func<char, bool> predicate)
    {
        var i = 0;
        while (i < s.Length && predicate(s[i]))
            i++;
        return i;
    }
}
