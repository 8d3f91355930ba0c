using Xfrm.Stats;

namespace Encryption.IPsec.Diagnostics;

/// <summary>
/// Turns two <c>/proc/net/xfrm_stat</c> snapshots taken a window apart, plus what the agent reports, into an
/// <see cref="XfrmDiagnosis"/>: each counter that grew with its catalog entry and the agent events that can explain it.
/// Pure: the caller takes the snapshots and asks the agent.
/// </summary>
public static class XfrmDiagnostics
{
    public static XfrmDiagnosis Diagnose(
        XfrmStatistics before,
        XfrmStatistics after,
        DateTimeOffset start,
        DateTimeOffset end,
        TimeSpan window,
        AgentIPsecView agent)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(agent);
        if (end < start)
            throw new ArgumentException("the window ends before it starts", nameof(end));

        var events = agent.EventsKnown ? agent.Events.Where(e => e.Time >= start && e.Time <= end).ToList() : [];
        var deltas = XfrmErrorCatalog.Explain(after.Since(before))
            .Select(e => new XfrmCounterDelta(e.Info, e.Value, [.. events.Where(ev => EventCorrelation.Explains(e.Info.KernelName, ev.Kind))]))
            .OrderByDescending(d => d.Delta)
            .ThenBy(d => d.Counter, StringComparer.Ordinal);
        return new XfrmDiagnosis
        {
            Start = start,
            End = end,
            Window = window,
            Deltas = [.. deltas],
            Events = [.. events],
            EventsKnown = agent.EventsKnown,
            AgentNote = agent.Note,
            SequenceNumbers = agent.SequenceNumbers,
        };
    }
}
