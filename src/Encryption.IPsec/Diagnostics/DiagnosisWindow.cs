using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Encryption.IPsec.Diagnostics;

/// <summary>Windows written as Go durations (<c>10s</c>, <c>500ms</c>, <c>1m30s</c>), as Cilium's flags take them.</summary>
public static partial class DiagnosisWindow
{
    /// <summary>Parses <c>1h2m3s</c>, <c>1.5s</c>, <c>250ms</c>; null when the text is not a positive duration.</summary>
    public static TimeSpan? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || !Duration().IsMatch(text))
            return null;
        var total = TimeSpan.Zero;
        foreach (Match part in Part().Matches(text))
        {
            var value = double.Parse(part.Groups["value"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            total += part.Groups["unit"].Value switch
            {
                "h" => TimeSpan.FromHours(value),
                "m" => TimeSpan.FromMinutes(value),
                "s" => TimeSpan.FromSeconds(value),
                "ms" => TimeSpan.FromMilliseconds(value),
                _ => TimeSpan.Zero,
            };
        }

        return total > TimeSpan.Zero ? total : null;
    }

    /// <summary>Go's way: <c>1s</c>, <c>10s</c>, <c>1m30s</c>, <c>1h0m0s</c>, <c>500ms</c>, <c>1.5s</c>.</summary>
    public static string Format(TimeSpan window)
    {
        if (window < TimeSpan.FromSeconds(1))
            return string.Create(CultureInfo.InvariantCulture, $"{window.TotalMilliseconds:0.###}ms");
        var text = new StringBuilder();
        if (window.TotalHours >= 1)
            text.Append(CultureInfo.InvariantCulture, $"{(long)window.TotalHours}h");
        if (window.TotalMinutes >= 1)
            text.Append(CultureInfo.InvariantCulture, $"{window.Minutes}m");
        var seconds = window.Seconds + (window.Ticks % TimeSpan.TicksPerSecond / (double)TimeSpan.TicksPerSecond);
        text.Append(CultureInfo.InvariantCulture, $"{seconds:0.#########}s");
        return text.ToString();
    }

    [GeneratedRegex(@"^((\d+(\.\d+)?)(h|ms|m|s))+$", RegexOptions.CultureInvariant)]
    private static partial Regex Duration();

    [GeneratedRegex(@"(?<value>\d+(\.\d+)?)(?<unit>h|ms|m|s)", RegexOptions.CultureInvariant)]
    private static partial Regex Part();
}
