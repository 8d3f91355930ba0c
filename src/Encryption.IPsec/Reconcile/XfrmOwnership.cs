using Encryption.IPsec.Desired;
using Xfrm.Client;
using Xfrm.Model;

namespace Encryption.IPsec.Reconcile;

/// <summary>
/// Which kernel objects belong to this agent. Everything else (another IKE daemon's states, an operator's
/// <c>ip xfrm</c> policies) is never updated or deleted. Ours are exactly the shapes <see cref="DesiredXfrmBuilder"/>
/// and <see cref="StrictMode.StrictEgressPolicies"/> produce, in either policy mode (so a mode change cleans up after
/// the old mode):
/// <list type="bullet">
/// <item>states: ESP, tunnel mode, reqid 1, and either no mark with a selector-mode SPI (node ID in the high bits,
/// key ID 1..15 in the low byte) or a Cilium encrypt/decrypt mark with SPI 1..15;</item>
/// <item>policies: OUT with one required ESP tunnel template of reqid 1; the IN/FWD pass-through policies; Cilium's
/// default-drop; the strict-mode allow/block policies at their reserved priorities.</item>
/// </list>
/// </summary>
public static class XfrmOwnership
{
    /// <summary>A dump filter keeping only our states.</summary>
    public static readonly XfrmStateFilter StateFilter = new() { Protocol = XfrmProtocol.Esp, ReqId = IPsecMarks.ReqId, Where = IsOwned };

    /// <summary>A dump filter keeping only our policies.</summary>
    public static readonly XfrmPolicyFilter PolicyFilter = new() { Where = IsOwned };

    public static bool IsOwned(XfrmState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Protocol != XfrmProtocol.Esp || state.Mode != XfrmMode.Tunnel || state.ReqId != IPsecMarks.ReqId)
            return false;
        var keyId = state.Spi & 0xFF;
        if (state.Mark is not { } mark || mark.Value == 0 && mark.Mask == 0)
            return state.Spi > 0xFF && state.Spi <= 0xFFFFFF && keyId is >= 1 and <= 15;
        var magic = mark.Value & IPsecMarks.MagicMask;
        return magic is IPsecMarks.Encrypt or IPsecMarks.Decrypt && state.Spi is >= 1 and <= 15;
    }

    public static bool IsOwned(XfrmPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.Type != XfrmPolicyType.Main || policy.InterfaceId is > 0)
            return false;
        if (IsTunnelPolicy(policy) || IsPassThrough(policy) || IsDefaultDrop(policy))
            return true;
        return StrictMode.StrictEgressPolicies.IsStrictShape(policy);
    }

    private static bool IsTunnelPolicy(XfrmPolicy policy) =>
        policy.Direction == XfrmPolicyDirection.Out
        && policy.Action == XfrmPolicyAction.Allow
        && policy.Templates.Count == 1
        && policy.Templates[0] is { Protocol: XfrmProtocol.Esp, Mode: XfrmMode.Tunnel, ReqId: IPsecMarks.ReqId, Optional: false };

    private static bool IsPassThrough(XfrmPolicy policy) =>
        (policy.Direction == XfrmPolicyDirection.In && policy.Priority == 0
            || policy.Direction == XfrmPolicyDirection.Forward && policy.Priority == IPsecMarks.ForwardPriority)
        && policy.Action == XfrmPolicyAction.Allow
        && policy.Mark is null
        && IsAnySelector(policy.Selector)
        && policy.Templates.Count == 1
        && policy.Templates[0] is { Protocol: XfrmProtocol.Esp, Mode: XfrmMode.Tunnel, ReqId: 0, Spi: 0, Optional: true };

    private static bool IsDefaultDrop(XfrmPolicy policy) =>
        policy.Direction == XfrmPolicyDirection.Out
        && policy.Action == XfrmPolicyAction.Block
        && policy.Priority == IPsecMarks.DefaultDropPriority
        && policy.Mark == new XfrmMark(IPsecMarks.Encrypt, IPsecMarks.MagicMask)
        && IsAnySelector(policy.Selector);

    private static bool IsAnySelector(XfrmSelector selector) =>
        selector.SourcePrefixLength == 0 && selector.DestinationPrefixLength == 0 && selector.Protocol == 0
        && selector.SourcePort == 0 && selector.DestinationPort == 0 && selector.InterfaceIndex == 0;
}
