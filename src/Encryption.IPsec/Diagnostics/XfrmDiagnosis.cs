using System.Collections.Immutable;
using Xfrm.Stats;

namespace Encryption.IPsec.Diagnostics;

/// <summary>One counter that grew during the window, explained, with the agent events that may be why.</summary>
public sealed record XfrmCounterDelta(XfrmCounterInfo Info, ulong Delta, ImmutableArray<IPsecEvent> CorrelatedEvents)
{
    public string Counter => Info.KernelName;

    /// <summary>Cilium's <c>cilium_ipsec_xfrm_error</c> labels for this counter.</summary>
    public (string Type, string Error) MetricLabels => XfrmErrorCatalog.MetricLabels(Info.KernelName);
}

/// <summary>The result of <c>encrypt diagnose</c>: what the kernel dropped during the window and what the agent did meanwhile.</summary>
public sealed record XfrmDiagnosis
{
    public required DateTimeOffset Start { get; init; }

    public required DateTimeOffset End { get; init; }

    /// <summary>The window the operator asked for (the measured one is <see cref="End"/> − <see cref="Start"/>).</summary>
    public required TimeSpan Window { get; init; }

    /// <summary>Counters that grew, largest growth first.</summary>
    public ImmutableArray<XfrmCounterDelta> Deltas { get; init; } = [];

    /// <summary>The agent's events within the window (empty when <see cref="EventsKnown"/> is false).</summary>
    public ImmutableArray<IPsecEvent> Events { get; init; } = [];

    public bool EventsKnown { get; init; }

    /// <summary>Why the events are unknown (agent unreachable, other backend), or null.</summary>
    public string? AgentNote { get; init; }

    public SequenceNumberUsage? SequenceNumbers { get; init; }

    public bool SequenceNearExhaustion => SequenceNumbers?.NearExhaustion == true;

    public ulong DroppedPackets => Deltas.Aggregate(0UL, (sum, d) => sum + d.Delta);
}
