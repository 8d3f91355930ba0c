using System.Net;

namespace Xfrm.Model;

/// <summary>
/// One template of a policy (<c>tmpl ...</c>): the state a matching packet must be (or, inbound, have been)
/// transformed by. <see cref="Optional"/> is iproute2's <c>level use</c>: a packet that was not transformed passes.
/// </summary>
public sealed record XfrmTemplate
{
    public XfrmFamily Family { get; init; } = XfrmFamily.IPv4;
    public IPAddress Source { get; init; } = IPAddress.Any;
    public IPAddress Destination { get; init; } = IPAddress.Any;
    public uint Spi { get; init; }
    public XfrmProtocol Protocol { get; init; } = XfrmProtocol.Esp;
    public uint ReqId { get; init; }
    public XfrmMode Mode { get; init; } = XfrmMode.Tunnel;
    public byte Share { get; init; }
    public bool Optional { get; init; }

    /// <summary>Allowed algorithm bitmasks; all ones means any.</summary>
    public uint AuthAlgorithms { get; init; } = uint.MaxValue;

    public uint EncryptionAlgorithms { get; init; } = uint.MaxValue;
    public uint CompressionAlgorithms { get; init; } = uint.MaxValue;

    /// <summary>Same as: <c>tmpl src SOURCE dst DESTINATION proto esp spi SPI reqid REQID mode tunnel</c>.</summary>
    public static XfrmTemplate Tunnel(IPAddress source, IPAddress destination, uint spi, uint reqId) => new()
    {
        Family = XfrmFamilies.Of(destination),
        Source = source,
        Destination = destination,
        Spi = spi,
        ReqId = reqId,
    };
}
