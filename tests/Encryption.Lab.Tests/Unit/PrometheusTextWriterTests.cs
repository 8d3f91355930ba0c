using Encryption.Agent.Metrics;

namespace Encryption.Lab.Tests.Unit;

/// <summary>The Prometheus text exposition format (0.0.4) the agent serves on <c>/metrics</c>.</summary>
public sealed class PrometheusTextWriterTests
{
    [Fact]
    public void AFamilyWritesHelpAndTypeThenItsSamples()
    {
        var text = new PrometheusTextWriter()
            .Family("cilium_controllers_runs_total", "counter", "Number of times that a controller process was run")
            .Sample(3, ("status", "success"))
            .Sample(0, ("status", "failure"))
            .ToString();

        Assert.Equal(
            "# HELP cilium_controllers_runs_total Number of times that a controller process was run\n" +
            "# TYPE cilium_controllers_runs_total counter\n" +
            "cilium_controllers_runs_total{status=\"success\"} 3\n" +
            "cilium_controllers_runs_total{status=\"failure\"} 0\n",
            text);
    }

    [Fact]
    public void ASampleWithoutLabelsHasNoBraces()
    {
        var text = new PrometheusTextWriter().Family("cilium_ipsec_keys", "gauge", "Number of keys in use").Sample(4).ToString();

        Assert.EndsWith("\ncilium_ipsec_keys 4\n", text);
    }

    [Fact]
    public void LabelValuesEscapeBackslashQuoteAndNewline()
    {
        var text = new PrometheusTextWriter().Family("m", "gauge", "h").Sample(1, ("l", "a\\b\"c\nd")).ToString();

        Assert.Contains("m{l=\"a\\\\b\\\"c\\nd\"} 1\n", text);
    }

    [Fact]
    public void HelpTextEscapesBackslashAndNewline()
    {
        var text = new PrometheusTextWriter().Family("m", "gauge", "line1\nback\\slash").ToString();

        Assert.StartsWith("# HELP m line1\\nback\\\\slash\n", text);
    }

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(12.0, "12")]
    [InlineData(-3.0, "-3")]
    [InlineData(0.25, "0.25")]
    [InlineData(1.1e-06, "1.1e-06")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    public void ValuesUseGoStyleNumbers(double value, string expected)
    {
        Assert.Equal(expected, PrometheusTextWriter.FormatValue(value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1abc")]
    [InlineData("has-dash")]
    [InlineData("has space")]
    public void InvalidMetricNamesAreRejected(string name)
    {
        Assert.Throws<ArgumentException>(() => new PrometheusTextWriter().Family(name, "gauge", "h"));
    }

    [Theory]
    [InlineData("__reserved")]
    [InlineData("has:colon")]
    [InlineData("9lives")]
    public void InvalidLabelNamesAreRejected(string label)
    {
        Assert.Throws<ArgumentException>(() => new PrometheusTextWriter().Family("m", "gauge", "h").Sample(1, (label, "v")));
    }

    [Fact]
    public void AFamilyWrittenTwiceIsRejected()
    {
        var writer = new PrometheusTextWriter().Family("m", "gauge", "h");

        Assert.Throws<InvalidOperationException>(() => writer.Family("m", "gauge", "h"));
    }

    [Fact]
    public void ASampleBeforeAnyFamilyIsRejected()
    {
        Assert.Throws<InvalidOperationException>(() => new PrometheusTextWriter().Sample(1));
    }

    [Fact]
    public void HistogramsAreNotATypeThisWriterClaimsToWrite()
    {
        Assert.Throws<ArgumentException>(() => new PrometheusTextWriter().Family("m", "histogram", "h"));
    }
}
