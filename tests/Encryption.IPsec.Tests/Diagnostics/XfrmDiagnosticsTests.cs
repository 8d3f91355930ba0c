using System.Text.Json.Nodes;
using Encryption.IPsec.Diagnostics;
using Xfrm.Stats;

namespace Encryption.IPsec.Tests.Diagnostics;

public sealed class XfrmDiagnosticsTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 14, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset End = Start.AddSeconds(10);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    private static XfrmStatistics Stats(params (string Name, ulong Value)[] counters)
    {
        var all = XfrmErrorCatalog.All.ToDictionary(c => c.KernelName, _ => 0UL, StringComparer.Ordinal);
        foreach (var (name, value) in counters)
            all[name] = value;
        return new XfrmStatistics(all);
    }

    private static AgentIPsecView Agent(params IPsecEvent[] events) => new() { EventsKnown = true, Events = [.. events] };

    private static IPsecEvent At(int seconds, string kind, string detail = "d") => new(Start.AddSeconds(seconds), kind, detail);

    /// <summary>Snapshot pairs and the (counter, delta) pairs the report must list, largest first.</summary>
    public static TheoryData<string, XfrmStatistics, XfrmStatistics, (string, ulong)[]> Pairs => new()
    {
        { "unchanged non-zero counters are not errors", Stats(("XfrmInNoStates", 40)), Stats(("XfrmInNoStates", 40)), [] },
        { "all zero", Stats(), Stats(), [] },
        { "one counter grew", Stats(("XfrmInNoStates", 40)), Stats(("XfrmInNoStates", 52)), [("XfrmInNoStates", 12)] },
        {
            "several counters, largest growth first",
            Stats(("XfrmInNoStates", 1), ("XfrmOutPolBlock", 0), ("XfrmInStateProtoError", 7)),
            Stats(("XfrmInNoStates", 4), ("XfrmOutPolBlock", 30), ("XfrmInStateProtoError", 7)),
            [("XfrmOutPolBlock", 30), ("XfrmInNoStates", 3)]
        },
        { "a reset counter reads as its new value", Stats(("XfrmOutNoStates", 90)), Stats(("XfrmOutNoStates", 5)), [("XfrmOutNoStates", 5)] },
        {
            "a counter only the newer snapshot has",
            Stats(),
            new XfrmStatistics(new Dictionary<string, ulong> { ["XfrmInStateDirError"] = 2 }),
            [("XfrmInStateDirError", 2)]
        },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void ReportListsTheCountersThatGrew(string why, XfrmStatistics before, XfrmStatistics after, (string, ulong)[] expected)
    {
        var diagnosis = XfrmDiagnostics.Diagnose(before, after, Start, End, Window, Agent());

        Assert.True(expected.SequenceEqual(diagnosis.Deltas.Select(d => (d.Counter, d.Delta))), why);
        Assert.Equal(expected.Aggregate(0UL, (sum, e) => sum + e.Item2), diagnosis.DroppedPackets);
    }

    [Fact]
    public void EachDeltaCarriesItsCatalogEntryAndCiliumLabels()
    {
        var diagnosis = XfrmDiagnostics.Diagnose(Stats(), Stats(("XfrmInStateProtoError", 3)), Start, End, Window, Agent());

        var delta = Assert.Single(diagnosis.Deltas);
        Assert.Same(XfrmErrorCatalog.Find("XfrmInStateProtoError"), delta.Info);
        Assert.Equal(("inbound", "state_protocol"), delta.MetricLabels);
    }

    [Fact]
    public void OnlyEventsInsideTheWindowAreReported()
    {
        var agent = Agent(At(-1, IPsecEvent.Rotation, "before"), At(0, IPsecEvent.NodeAdded, "at start"), At(10, IPsecEvent.NodeRemoved, "at end"), At(11, IPsecEvent.Rotation, "after"));

        var diagnosis = XfrmDiagnostics.Diagnose(Stats(), Stats(), Start, End, Window, agent);

        Assert.Equal(["at start", "at end"], diagnosis.Events.Select(e => e.Detail));
    }

    [Fact]
    public void CountersAreCorrelatedWithTheEventsThatUsuallyExplainThem()
    {
        var agent = Agent(At(2, IPsecEvent.Rotation, "key 3 -> 4"), At(3, IPsecEvent.NodeRemoved, "node-b"), At(4, IPsecEvent.ReconcileFailed, "EEXIST"));

        var diagnosis = XfrmDiagnostics.Diagnose(Stats(), Stats(("XfrmInNoStates", 5), ("XfrmInStateInvalid", 4), ("XfrmInError", 3)), Start, End, Window, agent);

        var byCounter = diagnosis.Deltas.ToDictionary(d => d.Counter, d => d.CorrelatedEvents.Select(e => e.Detail).ToArray());
        Assert.Equal(["key 3 -> 4", "EEXIST"], byCounter["XfrmInNoStates"]);
        Assert.Equal(["key 3 -> 4", "node-b"], byCounter["XfrmInStateInvalid"]);
        Assert.Equal(["key 3 -> 4", "node-b", "EEXIST"], byCounter["XfrmInError"]); // not in the table: every event
    }

    [Fact]
    public void UnreachableAgentMeansUnknownEventsWithTheReason()
    {
        var diagnosis = XfrmDiagnostics.Diagnose(Stats(), Stats(("XfrmOutNoStates", 1)), Start, End, Window, AgentIPsecView.Unreachable("no agent socket at /x"));

        Assert.False(diagnosis.EventsKnown);
        Assert.Empty(diagnosis.Deltas[0].CorrelatedEvents);
        var text = XfrmDiagnosisRenderer.Text(diagnosis);
        Assert.Contains("diagnosed without agent events: no agent socket at /x", text);
        Assert.Contains("Agent events: unknown", text);
        Assert.Null(XfrmDiagnosisRenderer.Json(diagnosis)["events"]);
    }

    [Fact]
    public void AllZeroDeltasSayNoErrorsInTheWindow()
    {
        var text = XfrmDiagnosisRenderer.Text(XfrmDiagnostics.Diagnose(Stats(("XfrmInError", 9)), Stats(("XfrmInError", 9)), Start, Start.AddSeconds(1), TimeSpan.FromSeconds(1), Agent()));

        Assert.StartsWith("no XFRM errors in the last 1s\n", text);
        Assert.Contains("agent events in the last 1s: none", text);
    }

    [Fact]
    public void TextHasOneBlockPerCounterWithLabelsExplanationAndEvents()
    {
        var agent = Agent(At(2, IPsecEvent.Rotation, "key 3 -> 4"));

        var text = XfrmDiagnosisRenderer.Text(XfrmDiagnostics.Diagnose(Stats(), Stats(("XfrmInNoStates", 12), ("XfrmOutPolBlock", 2)), Start, End, Window, agent));

        var info = XfrmErrorCatalog.Find("XfrmInNoStates")!;
        Assert.Contains("XFRM errors in the last 10s: 14 dropped packets in 2 counters", text);
        Assert.Contains("XfrmInNoStates +12  cilium_ipsec_xfrm_error{type=\"inbound\",error=\"no_state\"}", text);
        Assert.Contains("XfrmOutPolBlock +2  cilium_ipsec_xfrm_error{type=\"outbound\",error=\"policy_blocked\"}", text);
        Assert.Contains("  Meaning:      " + info.Meaning, text);
        Assert.Contains("  Usual causes: " + info.UsualCauses, text);
        Assert.Contains("  Remedy:       " + info.Remedy, text);
        Assert.Contains("    2026-11-23T14:00:02Z rotation: key 3 -> 4", text);
        Assert.True(text.IndexOf("XfrmInNoStates +12", StringComparison.Ordinal) < text.IndexOf("XfrmOutPolBlock +2", StringComparison.Ordinal));
    }

    [Fact]
    public void JsonCarriesDeltasLabelsAndEvents()
    {
        var agent = Agent(At(2, IPsecEvent.KeyRefused, "line 1, field 4 (icv): only ICV lengths 96, 128, and 256 are accepted, got 64"));

        var json = XfrmDiagnosisRenderer.Json(XfrmDiagnostics.Diagnose(Stats(), Stats(("XfrmInStateProtoError", 3)), Start, End, Window, agent));

        Assert.Equal("10s", (string?)json["window"]);
        var error = json["errors"]!.AsArray().Single()!;
        Assert.Equal("XfrmInStateProtoError", (string?)error["counter"]);
        Assert.Equal(3UL, (ulong?)error["delta"]);
        Assert.Equal("inbound", (string?)error["type"]);
        Assert.Equal("state_protocol", (string?)error["error"]);
        Assert.Equal("key-refused", (string?)error["events"]![0]!["kind"]);
        Assert.Equal("2026-11-23T14:00:02Z", (string?)json["events"]![0]!["time"]);
    }

    [Theory]
    [InlineData("0x1e3/0xffffffffffffffff", false)]
    [InlineData("0xe6666666/0xffffffff", false)]           // exactly 90 % of 2^32
    [InlineData("0xe6666667/0xffffffff", true)]
    [InlineData("0xffffffff/0xffffffff", true)]
    [InlineData("0xe666666666666666/0xffffffffffffffff", false)]
    [InlineData("0xe666666666666667/0xffffffffffffffff", true)]
    [InlineData("0xe6666667/0xffffffffffffffff", false)]   // the same count is nothing with ESN
    public void SequenceNumbersAboveNinetyPercentOfTheirSpaceAreFlagged(string text, bool near)
    {
        var usage = SequenceNumberUsage.Parse(text)!;
        var model = new JsonObject { ["mode"] = "IPsec", ["ipsec"] = new JsonObject { ["max-seq-number"] = text, ["events"] = new JsonArray() } };

        var rendered = XfrmDiagnosisRenderer.Text(XfrmDiagnostics.Diagnose(Stats(), Stats(), Start, End, Window, AgentIPsecView.FromStatusModel(model)));

        Assert.Equal(near, usage.NearExhaustion);
        Assert.Equal(near, rendered.Contains("output sequence number near exhaustion", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("N/A")]
    [InlineData("")]
    [InlineData("0x10")]
    [InlineData("0x10/0x1000")]
    [InlineData("16/0xffffffff")]
    public void UnreadableSequenceNumbersAreIgnored(string text) => Assert.Null(SequenceNumberUsage.Parse(text));

    [Fact]
    public void AgentViewReadsEventsFromTheIPsecObject()
    {
        var model = JsonNode.Parse("""
            {"mode": "IPsec", "ipsec": {"keys-in-use": 4, "max-seq-number": "0x1e3/0xffffffffffffffff", "events": [
              {"time": "2026-11-23T14:00:05Z", "kind": "node-changed", "detail": "node-b boot ID changed"},
              {"time": "2026-11-23T14:00:01Z", "kind": "rotation", "detail": "key 3 -> 4"},
              {"time": "not a time", "kind": "rotation", "detail": "skipped"}]}}
            """)!.AsObject();

        var view = AgentIPsecView.FromStatusModel(model);

        Assert.True(view.EventsKnown);
        Assert.Equal([IPsecEvent.Rotation, IPsecEvent.NodeChanged], view.Events.Select(e => e.Kind));
        Assert.Equal(0x1e3UL, view.SequenceNumbers!.MaxSequenceNumber);
        Assert.True(view.SequenceNumbers.Esn);
    }

    [Theory]
    [InlineData("""{"mode": "Wireguard"}""", "the agent runs Wireguard, not IPsec: no IPsec events")]
    [InlineData("""{"mode": "IPsec", "ipsec": {"keys-in-use": 2}}""", "the agent's status carries no events (older agent?)")]
    public void AgentViewSaysWhyEventsAreUnknown(string json, string note)
    {
        var view = AgentIPsecView.FromStatusModel(JsonNode.Parse(json)!.AsObject());

        Assert.False(view.EventsKnown);
        Assert.Equal(note, view.Note);
    }

    [Theory]
    [InlineData("10s", 10_000)]
    [InlineData("1s", 1_000)]
    [InlineData("500ms", 500)]
    [InlineData("1m30s", 90_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("2h", 7_200_000)]
    public void WindowsAreGoDurations(string text, int milliseconds)
    {
        var window = DiagnosisWindow.Parse(text);

        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), window);
        Assert.Equal(text == "2h" ? "2h0m0s" : text, DiagnosisWindow.Format(window!.Value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("0s")]
    [InlineData("-1s")]
    [InlineData("10 s")]
    [InlineData("1d")]
    public void OtherWindowsAreRefused(string text) => Assert.Null(DiagnosisWindow.Parse(text));
}
