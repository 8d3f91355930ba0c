using Xfrm.Stats;
using Xfrm.Tests.Support;

namespace Xfrm.Tests.Stats;

public sealed class XfrmStatTests
{
    private const string Sample = "XfrmInError             \t0\nXfrmInNoStates          \t3\nXfrmOutPolBlock         \t12\n";

    [Fact]
    public void ParsingReadsEveryCounterByName()
    {
        var stats = XfrmStatistics.Parse(Sample);
        Assert.Equal(3UL, stats.Get("XfrmInNoStates"));
        Assert.Equal(12UL, stats.Get("XfrmOutPolBlock"));
        Assert.Equal(0UL, stats.Get("XfrmInError"));
        Assert.Equal(0UL, stats.Get("XfrmSomethingNewer"));
        Assert.Equal(15UL, stats.Total);
    }

    [Fact]
    public void ParsingRejectsALineThatIsNotNameAndValue()
    {
        var error = Assert.Throws<FormatException>(() => XfrmStatistics.Parse("XfrmInError 1\nXfrmInNoStates three\n"));
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReaderReadsTheConfiguredPath()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "xfrm_stat");
        File.WriteAllText(path, Sample);
        Assert.Equal(3UL, new XfrmStatReader(path).Read().Get("XfrmInNoStates"));
    }

    [Fact]
    public void ReaderReadsTheRunningKernelsCountersAndTheCatalogKnowsEachOfThem()
    {
        var stats = new XfrmStatReader().Read();
        Assert.NotEmpty(stats.Counters);
        Assert.All(stats.Counters.Keys, name => Assert.NotNull(XfrmErrorCatalog.Find(name)));
    }

    [Fact]
    public void SinceReportsOnlyWhatGrew()
    {
        var before = XfrmStatistics.Parse(Sample);
        var after = XfrmStatistics.Parse("XfrmInError 0\nXfrmInNoStates 5\nXfrmOutPolBlock 12\n");
        var delta = after.Since(before);
        Assert.Equal([new KeyValuePair<string, ulong>("XfrmInNoStates", 2)], delta.NonZero);
    }

    [Fact]
    public void ExplainDescribesEachNonZeroCounterWithCause()
    {
        var explained = XfrmErrorCatalog.Explain(XfrmStatistics.Parse(Sample + "XfrmBrandNewError 1\n")).ToList();
        Assert.Equal(["XfrmBrandNewError", "XfrmInNoStates", "XfrmOutPolBlock"], explained.Select(e => e.Info.KernelName));
        Assert.Contains("default-drop", explained[2].Info.UsualCauses, StringComparison.Ordinal);
        Assert.Null(explained[0].Info.CiliumErrorLabel);
    }

    [Fact]
    public void CatalogCarriesCiliumsMetricLabels()
    {
        // operations.md section 5.2 (cilium_ipsec_xfrm_error{type, error}).
        (string Name, string Type, string Label)[] cilium =
        [
            ("XfrmInError", "inbound", "other"), ("XfrmInBufferError", "inbound", "no_buffer"), ("XfrmInHdrError", "inbound", "header"),
            ("XfrmInNoStates", "inbound", "no_state"), ("XfrmInStateProtoError", "inbound", "state_protocol"),
            ("XfrmInStateModeError", "inbound", "state_mode"), ("XfrmInStateSeqError", "inbound", "state_sequence"),
            ("XfrmInStateExpired", "inbound", "state_expired"), ("XfrmInStateMismatch", "inbound", "state_mismatched"),
            ("XfrmInStateInvalid", "inbound", "state_invalid"), ("XfrmInTmplMismatch", "inbound", "template_mismatched"),
            ("XfrmInNoPols", "inbound", "no_policy"), ("XfrmInPolBlock", "inbound", "policy_blocked"), ("XfrmInPolError", "inbound", "policy"),
            ("XfrmFwdHdrError", "inbound", "forward_header"), ("XfrmAcquireError", "inbound", "acquire"),
            ("XfrmOutError", "outbound", "other"), ("XfrmOutBundleGenError", "outbound", "bundle_generation"),
            ("XfrmOutBundleCheckError", "outbound", "bundle_check"), ("XfrmOutNoStates", "outbound", "no_state"),
            ("XfrmOutStateProtoError", "outbound", "state_protocol"), ("XfrmOutStateModeError", "outbound", "state_mode"),
            ("XfrmOutStateSeqError", "outbound", "state_sequence"), ("XfrmOutStateExpired", "outbound", "state_expired"),
            ("XfrmOutPolBlock", "outbound", "policy_blocked"), ("XfrmOutPolDead", "outbound", "policy_dead"),
            ("XfrmOutPolError", "outbound", "policy"), ("XfrmOutStateInvalid", "outbound", "state_invalid"),
        ];
        foreach (var (name, type, label) in cilium)
        {
            var info = XfrmErrorCatalog.Find(name);
            Assert.NotNull(info);
            Assert.Equal((name, type, label), (name, info.CiliumTypeLabel, info.CiliumErrorLabel));
            Assert.False(string.IsNullOrWhiteSpace(info.Meaning + info.UsualCauses + info.Remedy));
        }
    }
}
