using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Encryption.IPsec.Diagnostics;

/// <summary>
/// Renders an <see cref="XfrmDiagnosis"/>: one block per counter that grew (name, growth, Cilium metric labels,
/// meaning, usual causes, remedy, correlated agent events), then sequence-number and agent notes. Or JSON.
/// </summary>
public static class XfrmDiagnosisRenderer
{
    public static string Text(XfrmDiagnosis diagnosis)
    {
        ArgumentNullException.ThrowIfNull(diagnosis);
        var window = DiagnosisWindow.Format(diagnosis.Window);
        var text = new StringBuilder();
        if (diagnosis.Deltas.IsEmpty)
        {
            Line(text, $"no XFRM errors in the last {window}");
        }
        else
        {
            Line(text, $"XFRM errors in the last {window}: {diagnosis.DroppedPackets} dropped packets in {diagnosis.Deltas.Length} counters");
            foreach (var delta in diagnosis.Deltas)
            {
                var (type, error) = delta.MetricLabels;
                Line(text, "");
                Line(text, $"{delta.Counter} +{delta.Delta}  cilium_ipsec_xfrm_error{{type=\"{type}\",error=\"{error}\"}}");
                Line(text, $"  Meaning:      {delta.Info.Meaning}");
                Line(text, $"  Usual causes: {delta.Info.UsualCauses}");
                Line(text, $"  Remedy:       {delta.Info.Remedy}");
                if (!diagnosis.EventsKnown)
                    Line(text, "  Agent events: unknown (see below)");
                else if (delta.CorrelatedEvents.IsEmpty)
                    Line(text, "  Agent events: none in the window that usually explain this counter");
                else
                {
                    Line(text, "  Agent events:");
                    foreach (var e in delta.CorrelatedEvents)
                        Line(text, $"    {e}");
                }
            }
        }

        if (diagnosis.SequenceNumbers is { } seq && seq.NearExhaustion)
        {
            Line(text, "");
            Line(text, $"output sequence number near exhaustion: {seq.Describe()}");
            Line(text, "  A state that reaches the end drops every packet (XfrmOutStateSeqError): rotate the key now (encrypt keys rotate)"
                + (seq.Esn ? "." : "; keys with '+' use ESN (64-bit sequence numbers)."));
        }

        Line(text, "");
        if (!diagnosis.EventsKnown)
            Line(text, $"diagnosed without agent events: {diagnosis.AgentNote}");
        else if (diagnosis.Events.IsEmpty)
            Line(text, $"agent events in the last {window}: none");
        else
        {
            Line(text, $"agent events in the last {window}:");
            foreach (var e in diagnosis.Events)
                Line(text, $"  {e}");
        }

        return text.ToString();
    }

    public static JsonObject Json(XfrmDiagnosis diagnosis)
    {
        ArgumentNullException.ThrowIfNull(diagnosis);
        var errors = new JsonArray();
        foreach (var delta in diagnosis.Deltas)
        {
            var (type, error) = delta.MetricLabels;
            errors.Add(new JsonObject
            {
                ["counter"] = delta.Counter,
                ["delta"] = delta.Delta,
                ["type"] = type,
                ["error"] = error,
                ["meaning"] = delta.Info.Meaning,
                ["usual-causes"] = delta.Info.UsualCauses,
                ["remedy"] = delta.Info.Remedy,
                ["events"] = new JsonArray([.. delta.CorrelatedEvents.Select(e => (JsonNode)e.ToJson())]),
            });
        }

        var json = new JsonObject
        {
            ["window"] = DiagnosisWindow.Format(diagnosis.Window),
            ["start"] = Time(diagnosis.Start),
            ["end"] = Time(diagnosis.End),
            ["dropped-packets"] = diagnosis.DroppedPackets,
            ["errors"] = errors,
            ["events"] = diagnosis.EventsKnown ? new JsonArray([.. diagnosis.Events.Select(e => (JsonNode)e.ToJson())]) : null,
        };
        if (diagnosis.AgentNote is { } note)
            json["agent-note"] = note;
        if (diagnosis.SequenceNumbers is { } seq)
        {
            json["sequence-number"] = new JsonObject
            {
                ["max"] = $"0x{seq.MaxSequenceNumber:x}",
                ["limit"] = $"0x{seq.Limit:x}",
                ["esn"] = seq.Esn,
                ["near-exhaustion"] = seq.NearExhaustion,
            };
        }

        return json;
    }

    private static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
