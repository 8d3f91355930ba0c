using System.Net;
using System.Net.Sockets;
using Xfrm.Model;

namespace Encryption.IPsec.Reconcile;

/// <summary>The kernel's identity of a state: destination, SPI, protocol and mark (the source is not part of it).</summary>
public readonly record struct StateIdentity(UInt128 Destination, uint Spi, XfrmProtocol Protocol, uint MarkValue, uint MarkMask);

/// <summary>The kernel's identity of a policy: selector, direction, mark, interface id and type.</summary>
public readonly record struct PolicyIdentity(
    UInt128 Source, byte SourcePrefixLength, UInt128 Destination, byte DestinationPrefixLength, XfrmFamily Family,
    byte Protocol, ushort SourcePort, ushort SourcePortMask, ushort DestinationPort, ushort DestinationPortMask,
    int InterfaceIndex, uint User, XfrmPolicyDirection Direction, uint MarkValue, uint MarkMask, uint InterfaceId, XfrmPolicyType Type);

/// <summary>
/// Identity and configuration equality of XFRM objects as the kernel reports them back: counters, replay bitmaps,
/// the selector the kernel fills in for a state and the default lifetimes are not configuration. Identities are
/// plain value structs, so diffing thousands of objects allocates little.
/// </summary>
public static class XfrmComparison
{
    public static StateIdentity StateIdentity(XfrmState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var mark = state.Mark ?? default;
        return new StateIdentity(Bits(state.Destination), state.Spi, state.Protocol, mark.Value, mark.Mask);
    }

    public static PolicyIdentity PolicyIdentity(XfrmPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var s = policy.Selector;
        var mark = policy.Mark ?? default;
        return new PolicyIdentity(
            Bits(s.Source), s.SourcePrefixLength, Bits(s.Destination), s.DestinationPrefixLength, s.Family,
            s.Protocol, s.SourcePort, s.SourcePortMask, s.DestinationPort, s.DestinationPortMask,
            s.InterfaceIndex, s.User, policy.Direction, mark.Value, mark.Mask, policy.InterfaceId ?? 0, policy.Type);
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

    /// <summary>An address as 128 bits; IPv4 sets bit 127 so 0.0.0.0 and :: stay distinct.</summary>
    public static UInt128 Bits(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        if (address.AddressFamily == AddressFamily.InterNetwork)
            return (UInt128.One << 127) | (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]);
        return new UInt128(
            (ulong)bytes[0] << 56 | (ulong)bytes[1] << 48 | (ulong)bytes[2] << 40 | (ulong)bytes[3] << 32 | (ulong)bytes[4] << 24 | (ulong)bytes[5] << 16 | (ulong)bytes[6] << 8 | bytes[7],
            (ulong)bytes[8] << 56 | (ulong)bytes[9] << 48 | (ulong)bytes[10] << 40 | (ulong)bytes[11] << 32 | (ulong)bytes[12] << 24 | (ulong)bytes[13] << 16 | (ulong)bytes[14] << 8 | bytes[15]);
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
