using System.Globalization;
using System.Text.Json;

namespace Xfrm.Bench;

/// <summary>
/// One operation over <see cref="Count"/> objects, timed <see cref="Samples"/> times; the figure reported is the
/// fastest run (the machine is shared, so the fastest run is the closest to the code's own speed).
/// </summary>
internal sealed record Measurement(string Operation, string Contender, int Count, IReadOnlyList<double> Samples, double? BytesPerObject)
{
    public double Seconds => Samples.Min();

    public double PerSecond => Count / Seconds;

    public static Measurement Best(IEnumerable<Sample> samples)
    {
        var list = samples.ToList();
        var first = list[0];
        return new Measurement(first.Operation, first.Contender, first.Count, list.Select(s => s.Seconds).ToList(),
            list.Any(s => s.AllocatedBytes is null) ? null : list.Min(s => s.AllocatedBytes!.Value) / (double)first.Count);
    }

    public string ToJson() => JsonSerializer.Serialize(new
    {
        benchmark = "xfrm",
        operation = Operation,
        contender = Contender,
        n = Count,
        seconds = Math.Round(Seconds, 4),
        per_second = Math.Round(PerSecond),
        runs = Samples.Count,
        samples_s = Samples.Select(s => Math.Round(s, 4)),
        allocated_bytes_per_object = BytesPerObject is { } b ? Math.Round(b) : (double?)null,
    });

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Operation,-14} {Contender,-9} {Count,7} {Seconds,9:F3} s {PerSecond,11:N0} /s {(BytesPerObject is { } b ? $"{b,7:N0} B/obj" : "")}");
}

/// <summary>One timed run: wall time and, for in-process work, bytes allocated on the calling thread.</summary>
internal sealed record Sample(string Operation, string Contender, int Count, double Seconds, long? AllocatedBytes)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"  {Operation,-14} {Contender,-9} {Count,7} {Seconds,9:F3} s {Count / Seconds,11:N0} /s");
}
