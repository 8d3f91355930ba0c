using System.Net;

namespace Xfrm.Model;

/// <summary>
/// The kernel's identity of a state: destination, SPI, protocol and mark (the source address is sent too,
/// and only matters for lookups without an SPI). Same as the <c>ID [mark M mask M]</c> of <c>ip xfrm state delete</c>.
/// </summary>
public sealed record XfrmStateKey(IPAddress Destination, uint Spi, XfrmProtocol Protocol = XfrmProtocol.Esp)
{
    public IPAddress? Source { get; init; }

    public XfrmMark? Mark { get; init; }

    public XfrmFamily Family => XfrmFamilies.Of(Destination);

    public override string ToString() =>
        $"src {Source?.ToString() ?? "*"} dst {Destination} proto {Protocol.ToString().ToLowerInvariant()} spi 0x{Spi:x8}"
        + (Mark is { } m ? $" mark {m}" : "");
}
