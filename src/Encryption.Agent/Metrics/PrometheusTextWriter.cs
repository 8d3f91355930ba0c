using System.Globalization;
using System.Text;

namespace Encryption.Agent.Metrics;

/// <summary>
/// Writes the Prometheus text exposition format (version 0.0.4): one <c># HELP</c> and <c># TYPE</c> line per
/// family, then its samples, <c>name{label="value",...} value</c>, each line ending in a newline.
/// </summary>
internal sealed class PrometheusTextWriter
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly StringBuilder text = new();
    private readonly HashSet<string> families = new(StringComparer.Ordinal);
    private string? family;

    /// <summary>Starts a family. <paramref name="type"/> is counter, gauge, untyped (histograms and summaries are not needed yet).</summary>
    public PrometheusTextWriter Family(string name, string type, string help)
    {
        CheckName(name);
        if (type is not ("counter" or "gauge" or "untyped"))
            throw new ArgumentException($"metric type \"{type}\" is not counter, gauge or untyped", nameof(type));
        if (!families.Add(name))
            throw new InvalidOperationException($"metric family {name} written twice");
        family = name;
        text.Append("# HELP ").Append(name).Append(' ').Append(EscapeHelp(help)).Append('\n');
        text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        return this;
    }

    /// <summary>One sample of the current family; labels are written in the order given.</summary>
    public PrometheusTextWriter Sample(double value, params ReadOnlySpan<(string Name, string Value)> labels)
    {
        if (family is null)
            throw new InvalidOperationException("a sample needs a family first");
        text.Append(family);
        if (labels.Length > 0)
        {
            text.Append('{');
            for (var i = 0; i < labels.Length; i++)
            {
                CheckLabelName(labels[i].Name);
                if (i > 0)
                    text.Append(',');
                text.Append(labels[i].Name).Append("=\"").Append(EscapeLabelValue(labels[i].Value)).Append('"');
            }

            text.Append('}');
        }

        text.Append(' ').Append(FormatValue(value)).Append('\n');
        return this;
    }

    public override string ToString() => text.ToString();

    public static string FormatValue(double value) => value switch
    {
        double.NaN => "NaN",
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when value == Math.Floor(value) && Math.Abs(value) < 1e15 => ((long)value).ToString(CultureInfo.InvariantCulture),
        _ => value.ToString("R", CultureInfo.InvariantCulture).ToLowerInvariant(),
    };

    private static string EscapeHelp(string help) => help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string EscapeLabelValue(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Metric names match <c>[a-zA-Z_:][a-zA-Z0-9_:]*</c>.</summary>
    private static void CheckName(string name)
    {
        if (name.Length == 0 || char.IsAsciiDigit(name[0]) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ':'))
            throw new ArgumentException($"\"{name}\" is not a valid metric name", nameof(name));
    }

    /// <summary>Label names match <c>[a-zA-Z_][a-zA-Z0-9_]*</c> and do not start with <c>__</c>.</summary>
    private static void CheckLabelName(string name)
    {
        if (name.Length == 0 || char.IsAsciiDigit(name[0]) || name.StartsWith("__", StringComparison.Ordinal)
            || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            throw new ArgumentException($"\"{name}\" is not a valid label name", nameof(name));
    }
}
