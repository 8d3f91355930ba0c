using System.Collections.Frozen;

namespace Encryption.IPsec.Diagnostics;

/// <summary>
/// Which agent events usually explain a growing counter: missing or mismatched states follow rotations and node changes
/// (new boot ID, new IP), a key advertised before its IN states exist, or an old key removed too early; states being
/// deleted follow removals and rotations; configuration counters follow failed reconciles. Counters not listed here are correlated with every event of the window.
/// </summary>
public static class EventCorrelation
{
    private static readonly string[] StateChanges =
        [IPsecEvent.Rotation, IPsecEvent.KeyAdvertised, IPsecEvent.KeyRemoved, IPsecEvent.NodeAdded, IPsecEvent.NodeChanged,
         IPsecEvent.ReconcileFailed, IPsecEvent.KeyRefused];

    private static readonly string[] Deletions = [IPsecEvent.Rotation, IPsecEvent.KeyRemoved, IPsecEvent.NodeRemoved, IPsecEvent.NodeChanged];

    private static readonly string[] Configuration = [IPsecEvent.NodeAdded, IPsecEvent.NodeChanged, IPsecEvent.ReconcileFailed];

    private static readonly FrozenDictionary<string, string[]> Kinds = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["XfrmInNoStates"] = StateChanges,
        ["XfrmOutNoStates"] = StateChanges,
        ["XfrmOutPolBlock"] = StateChanges,
        ["XfrmInStateProtoError"] = [IPsecEvent.Rotation, IPsecEvent.NodeChanged, IPsecEvent.KeyRefused, IPsecEvent.ReconcileFailed],
        ["XfrmInStateSeqError"] = [IPsecEvent.Rotation, IPsecEvent.NodeChanged],
        ["XfrmOutStateSeqError"] = [IPsecEvent.Rotation, IPsecEvent.KeyRefused],
        ["XfrmInStateInvalid"] = Deletions,
        ["XfrmOutStateInvalid"] = Deletions,
        ["XfrmOutPolDead"] = Deletions,
        ["XfrmInTmplMismatch"] = Configuration,
        ["XfrmInNoPols"] = Configuration,
        ["XfrmOutPolError"] = Configuration,
        ["XfrmOutBundleGenError"] = Configuration,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>True when an event of <paramref name="kind"/> can explain growth of <paramref name="counter"/>.</summary>
    public static bool Explains(string counter, string kind) =>
        !Kinds.TryGetValue(counter, out var kinds) || kinds.Contains(kind, StringComparer.Ordinal);
}
