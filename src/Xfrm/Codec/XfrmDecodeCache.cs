using System.Net;
using System.Security.Cryptography;
using Xfrm.Model;
using Xfrm.Wire;

namespace Xfrm.Codec;

/// <summary>
/// Shares equal parts between the states of one dump. A dump of Cilium-like states repeats the same source (or
/// destination) address, the same AEAD algorithm and key and, until traffic flows, the same ESN replay state in every
/// message. When a part's wire bytes equal the previous state's, its decoded (immutable) object is reused instead of
/// built again: about half the memory of a large dump's model objects, and that memory is what a dump costs where
/// first-touch page faults are expensive (user-mode-linux: hundreds of microseconds each).
/// One instance per dump; not thread-safe.
/// </summary>
public sealed class XfrmDecodeCache
{
    private readonly Slot<IPAddress> source = new();
    private readonly Slot<IPAddress> destination = new();
    private readonly Slot<XfrmAeadAlgorithm> aead = new();
    private readonly Slot<XfrmReplayStateEsn> esn = new();

    internal IPAddress Source(ReadOnlySpan<byte> bytes, XfrmFamily family) =>
        source.Get(bytes[..XfrmAddressWire.Size], (int)family, family, static (b, f) => XfrmAddressWire.Read(b, f));

    internal IPAddress Destination(ReadOnlySpan<byte> bytes, XfrmFamily family) =>
        destination.Get(bytes[..XfrmAddressWire.Size], (int)family, family, static (b, f) => XfrmAddressWire.Read(b, f));

    internal XfrmAeadAlgorithm Aead(ReadOnlySpan<byte> attribute) =>
        aead.Get(attribute, 0, 0, static (b, _) => XfrmAlgoAeadWire.Read(b));

    internal XfrmReplayStateEsn ReplayEsn(ReadOnlySpan<byte> attribute) =>
        esn.Get(attribute, 0, 0, static (b, _) => XfrmReplayStateEsnWire.Read(b));

    /// <summary>The last decoded value and the bytes it came from.</summary>
    private sealed class Slot<T>
        where T : class
    {
        private byte[] bytes = [];
        private int length = -1;
        private int tag;
        private T? value;

        public delegate T Decoder<in TArg>(ReadOnlySpan<byte> wire, TArg argument);

        public T Get<TArg>(ReadOnlySpan<byte> wire, int wireTag, TArg argument, Decoder<TArg> decode)
        {
            // Constant time: an AEAD attribute carries key material.
            if (value is not null && wire.Length == length && wireTag == tag
                && CryptographicOperations.FixedTimeEquals(wire, bytes.AsSpan(0, length)))
                return value;
            var decoded = decode(wire, argument);
            if (bytes.Length < wire.Length)
                bytes = new byte[wire.Length];
            wire.CopyTo(bytes);
            length = wire.Length;
            tag = wireTag;
            value = decoded;
            return decoded;
        }
    }
}
