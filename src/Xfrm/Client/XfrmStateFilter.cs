using System.Net;
using Xfrm.Model;

namespace Xfrm.Client;

/// <summary>
/// Which states a dump returns. <see cref="Protocol"/> and the address prefixes are applied by the kernel
/// (<c>XFRMA_PROTO</c>, <c>XFRMA_ADDRESS_FILTER</c>); the rest in user space. Unset members match everything.
/// </summary>
public sealed record XfrmStateFilter
{
    public XfrmProtocol? Protocol { get; init; }

    /// <summary>Kernel-side: the state's source must be inside this prefix (family must match <see cref="DestinationPrefix"/>).</summary>
    public (IPAddress Address, byte PrefixLength)? SourcePrefix { get; init; }

    /// <summary>Kernel-side: the state's destination must be inside this prefix.</summary>
    public (IPAddress Address, byte PrefixLength)? DestinationPrefix { get; init; }

    public uint? ReqId { get; init; }
    public uint? Spi { get; init; }
    public XfrmFamily? Family { get; init; }

    /// <summary>The state's mark must equal this value and mask exactly.</summary>
    public XfrmMark? Mark { get; init; }

    /// <summary>The state's mark value, under <see cref="MarkMask"/>, must equal <see cref="MarkValue"/> (e.g. every 0xe00/0xf00 state).</summary>
    public uint? MarkValue { get; init; }

    public uint MarkMask { get; init; } = uint.MaxValue;

    public uint? InterfaceId { get; init; }

    /// <summary>Any further condition.</summary>
    public Func<XfrmState, bool>? Where { get; init; }

    public static XfrmStateFilter All { get; } = new();

    internal bool HasAddressFilter => SourcePrefix is not null || DestinationPrefix is not null;

    public bool Matches(XfrmState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return (Protocol is null || Protocol == XfrmProtocol.Any || state.Protocol == Protocol)
            && (ReqId is null || state.ReqId == ReqId)
            && (Spi is null || state.Spi == Spi)
            && (Family is null || state.Family == Family)
            && (Mark is null || state.Mark == Mark)
            && (MarkValue is null || ((state.Mark?.Value ?? 0) & MarkMask) == MarkValue)
            && (InterfaceId is null || (state.InterfaceId ?? 0) == InterfaceId)
            && (Where is null || Where(state));
    }
}
