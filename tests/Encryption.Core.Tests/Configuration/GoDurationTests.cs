using Encryption.Core.Configuration;

namespace Encryption.Core.Tests.Configuration;

public class GoDurationTests
{
    [Theory]
    [InlineData("5m", 300_000)]
    [InlineData("0s", 0)]
    [InlineData("0", 0)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("300ms", 300)]
    [InlineData("2s500ms", 2_500)]
    [InlineData(".5s", 500)]
    [InlineData("+5s", 5_000)]
    [InlineData("-5s", -5_000)]
    [InlineData("1h1m1s", 3_661_000)]
    public void ParsesGoSyntax(string text, long milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), GoDuration.Parse(text));

    [Theory]
    [InlineData("10us", 100)]
    [InlineData("10µs", 100)]
    [InlineData("10μs", 100)]
    [InlineData("1500ns", 15)]
    public void ParsesSubMillisecondUnitsToTicks(string text, long ticks) =>
        Assert.Equal(TimeSpan.FromTicks(ticks), GoDuration.Parse(text));

    [Theory]
    [InlineData("", "invalid duration")]
    [InlineData("5", "missing unit in duration")]
    [InlineData("1.5", "missing unit in duration")]
    [InlineData("abc", "invalid duration")]
    [InlineData("5x", "unknown unit \"x\" in duration")]
    [InlineData("5 m", "unknown unit \" m\" in duration")]
    [InlineData(".s", "invalid duration")]
    [InlineData("-", "invalid duration")]
    [InlineData("99999999999999h", "invalid duration (overflow)")]
    public void RejectsWhatGoRejectsWithGosReason(string text, string reason)
    {
        Assert.False(GoDuration.TryParse(text, out _, out var error));
        Assert.Equal(reason, error);
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(300_000, "5m0s")]
    [InlineData(5_400_000, "1h30m0s")]
    [InlineData(1_500, "1.5s")]
    [InlineData(25_000, "25s")]
    [InlineData(300, "300ms")]
    [InlineData(-5_000, "-5s")]
    [InlineData(90_061_000, "25h1m1s")]
    public void FormatsLikeGosDurationString(long milliseconds, string expected) =>
        Assert.Equal(expected, GoDuration.Format(TimeSpan.FromMilliseconds(milliseconds)));

    [Fact]
    public void FormatsMicrosecondsWithTheMicroSign() => Assert.Equal("1.5µs", GoDuration.Format(TimeSpan.FromTicks(15)));

    [Theory]
    [InlineData("5m0s")]
    [InlineData("1h30m0s")]
    [InlineData("1.5s")]
    [InlineData("250ms")]
    public void FormattedDurationsParseBack(string text) => Assert.Equal(text, GoDuration.Format(GoDuration.Parse(text)));
}
