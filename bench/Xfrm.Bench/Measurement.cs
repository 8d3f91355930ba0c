using System.Globalization;
using System.Text.Json;

namespace Xfrm.Bench;

/// <summary>One timed operation over <see cref="Count"/> objects.</summary>
internal sealed record Measurement(string Operation, string Contender, int Count, double Seconds)
{
    public double PerSecond => Count / Seconds;

    public string ToJson() => JsonSerializer.Serialize(new
    {
        benchmark = "xfrm",
        operation = Operation,
        contender = Contender,
        n = Count,
        seconds = Math.Round(Seconds, 4),
        per_second = Math.Round(PerSecond),
    });

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Operation,-16} {Contender,-10} {Count,7} {Seconds,9:F3} s {PerSecond,12:N0} /s");
}
