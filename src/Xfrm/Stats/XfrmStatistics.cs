using System.Collections.Frozen;
using System.Globalization;

namespace Xfrm.Stats;

/// <summary>
/// The counters of <c>/proc/net/xfrm_stat</c> by kernel name (<c>XfrmInNoStates</c>, ...). Every counter is a
/// count of dropped packets since boot. Counters the running kernel does not know read as 0 via <see cref="Get"/>.
/// </summary>
public sealed class XfrmStatistics
{
    private readonly FrozenDictionary<string, ulong> counters;

    public XfrmStatistics(IReadOnlyDictionary<string, ulong> counters) =>
        this.counters = (counters ?? throw new ArgumentNullException(nameof(counters))).ToFrozenDictionary(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, ulong> Counters => counters;

    public ulong Get(string name) => counters.GetValueOrDefault(name);

    /// <summary>Counters that are not zero, in file order is not kept: sorted by name.</summary>
    public IEnumerable<KeyValuePair<string, ulong>> NonZero => counters.Where(c => c.Value != 0).OrderBy(c => c.Key, StringComparer.Ordinal);

    public ulong Total => counters.Values.Aggregate(0UL, (sum, v) => sum + v);

    /// <summary>What grew between <paramref name="earlier"/> and this snapshot (a counter reset reads as its new value).</summary>
    public XfrmStatistics Since(XfrmStatistics earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return new XfrmStatistics(counters.ToDictionary(c => c.Key, c =>
        {
            var before = earlier.Get(c.Key);
            return c.Value >= before ? c.Value - before : c.Value;
        }, StringComparer.Ordinal));
    }

    /// <summary>Parses the file's text: one <c>Name value</c> per line, whitespace between. Lines that are not counters are rejected.</summary>
    public static XfrmStatistics Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var counters = new Dictionary<string, ulong>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.Trim();
            if (line.Length == 0)
                continue;
            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2 || !ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                throw new FormatException($"xfrm_stat line {lineNumber} is not \"Name value\": \"{line}\"");
            counters[parts[0]] = value;
        }

        return new XfrmStatistics(counters);
    }
}
