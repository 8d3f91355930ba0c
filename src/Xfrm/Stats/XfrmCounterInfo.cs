namespace Xfrm.Stats;

/// <summary>Which path of the stack a counter belongs to (Cilium's <c>type</c> label).</summary>
public enum XfrmCounterDirection
{
    Inbound,
    Outbound,
}

/// <summary>
/// One <c>/proc/net/xfrm_stat</c> counter explained: kernel name, Cilium's metric labels
/// (<c>cilium_ipsec_xfrm_error{type, error}</c>; null when Cilium does not export the counter), what it means, why it usually grows and what to do.
/// </summary>
public sealed record XfrmCounterInfo(
    string KernelName,
    XfrmCounterDirection Direction,
    string? CiliumErrorLabel,
    string Meaning,
    string UsualCauses,
    string Remedy)
{
    /// <summary>Cilium's <c>type</c> label: <c>inbound</c> or <c>outbound</c>.</summary>
    public string CiliumTypeLabel => Direction == XfrmCounterDirection.Inbound ? "inbound" : "outbound";
}
