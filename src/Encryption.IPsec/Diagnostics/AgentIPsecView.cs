using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace Encryption.IPsec.Diagnostics;

/// <summary>
/// What <c>encrypt diagnose</c> takes from the agent: its IPsec events and the highest output sequence number, read from
/// Cilium's EncryptionStatus model (<c>mode</c>, <c>ipsec.events</c>, <c>ipsec.max-seq-number</c>). <see cref="Note"/>
/// says why something is missing (agent unreachable, another backend, no events reported).
/// </summary>
public sealed record AgentIPsecView
{
    /// <summary>True when the agent answered and runs IPsec, so <see cref="Events"/> is its account of the window.</summary>
    public bool EventsKnown { get; init; }

    public ImmutableArray<IPsecEvent> Events { get; init; } = [];

    public SequenceNumberUsage? SequenceNumbers { get; init; }

    /// <summary>Why events are unknown, or null.</summary>
    public string? Note { get; init; }

    /// <summary>No agent to ask: diagnose from the kernel counters alone.</summary>
    public static AgentIPsecView Unreachable(string why) => new() { Note = why };

    /// <summary>Reads the model (the <c>json</c> object of the agent's status).</summary>
    public static AgentIPsecView FromStatusModel(JsonObject model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var mode = model["mode"] is JsonValue m && m.TryGetValue<string>(out var s) ? s : "";
        if (model["ipsec"] is not JsonObject ipsec)
        {
            return string.Equals(mode, "IPsec", StringComparison.Ordinal)
                ? new AgentIPsecView { EventsKnown = false, Note = "the agent runs IPsec but reports no IPsec state yet (no keys in use)" }
                : new AgentIPsecView { Note = $"the agent runs {(mode.Length > 0 ? mode : "an unknown backend")}, not IPsec: no IPsec events" };
        }

        var sequence = ipsec["max-seq-number"] is JsonValue v && v.TryGetValue<string>(out var text) ? SequenceNumberUsage.Parse(text) : null;
        if (ipsec["events"] is not JsonArray events)
            return new AgentIPsecView { SequenceNumbers = sequence, Note = "the agent's status carries no events (older agent?)" };
        return new AgentIPsecView { EventsKnown = true, Events = IPsecEvent.ParseAll(events), SequenceNumbers = sequence };
    }
}
