using Xfrm.Model;

namespace Encryption.IPsec.Reconcile;

/// <summary>
/// Identity and configuration equality of XFRM objects as the kernel reports them back: counters, replay bitmaps,
/// the selector the kernel fills in for a state and the default lifetimes are not configuration.
/// </summary>
public static class XfrmComparison
{
    /// <summary>The kernel's identity of a state: destination, SPI, protocol and mark (the source is not part of it).</summary>
    public static (IPAddressKey Destination, uint Spi, XfrmProtocol Protocol, XfrmMark Mark) StateIdentity(XfrmState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return (new IPAddressKey(state.Destination), state.Spi, state.Protocol, state.Mark ?? default);
    }

    /// <summary>The kernel's identity of a policy: selector, direction, mark, interface id and type.</summary>
    public static (XfrmSelector Selector, XfrmPolicyDirection Direction, XfrmMark Mark, uint InterfaceId, XfrmPolicyType Type) PolicyIdentity(XfrmPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return (policy.Selector, policy.Direction, policy.Mark ?? default, policy.InterfaceId ?? 0, policy.Type);
    }

    /// <summary>True when <paramref name="observed"/> already is what <paramref name="desired"/> asks for.</summary>
    public static bool SameConfiguration(XfrmState desired, XfrmState observed)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(observed);
        return desired.Source.Equals(observed.Source)
            && desired.Mode == observed.Mode
            && desired.ReqId == observed.ReqId
            && Equals(desired.Aead, observed.Aead)
            && SameAuthentication(desired.Authentication, observed.Authentication)
            && Equals(desired.Encryption, observed.Encryption)
            && (desired.OutputMark ?? default) == (observed.OutputMark ?? default)
            && (desired.Flags & XfrmStateFlags.Esn) == (observed.Flags & XfrmStateFlags.Esn)
            && (desired.ReplayEsn?.ReplayWindow ?? desired.ReplayWindow) == (observed.ReplayEsn?.ReplayWindow ?? observed.ReplayWindow)
            && (desired.InterfaceId ?? 0) == (observed.InterfaceId ?? 0);
    }

    public static bool SameConfiguration(XfrmPolicy desired, XfrmPolicy observed)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(observed);
        return desired.Priority == observed.Priority
            && desired.Action == observed.Action
            && desired.Templates.Equals(observed.Templates);
    }

    /// <summary>An unset truncation length means the kernel's default, which the kernel then reports explicitly.</summary>
    private static bool SameAuthentication(XfrmAuthAlgorithm? desired, XfrmAuthAlgorithm? observed)
    {
        if (desired is null || observed is null)
            return desired is null && observed is null;
        return desired.Name == observed.Name
            && desired.Key.Equals(observed.Key)
            && (desired.TruncationBits is null || desired.TruncationBits == observed.TruncationBits);
    }
}

/// <summary>An address usable as a dictionary key (IPv4-mapped IPv6 and IPv4 stay distinct; scope ignored).</summary>
public readonly record struct IPAddressKey(string Text)
{
    public IPAddressKey(System.Net.IPAddress address) : this(address?.ToString() ?? throw new ArgumentNullException(nameof(address))) { }
}
