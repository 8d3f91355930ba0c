using System.Net;
using Netlink;
using Xfrm.Codec;
using Xfrm.Model;
using Xfrm.Tests.Support;
using Xfrm.Wire;

namespace Xfrm.Tests.Decode;

/// <summary>A dump's states share equal parts through one <see cref="XfrmDecodeCache"/>, and decode to the same values as without it.</summary>
public sealed class XfrmDecodeCacheTests
{
    [Fact]
    public void CapturedDumpDecodesToTheSameStatesWithACache()
    {
        var cache = new XfrmDecodeCache();
        foreach (var message in Messages.Split(TestData.Hex("state-dump.reply.hex")).Take(2))
        {
            var plain = Messages.Decode(message, x => XfrmStateCodec.Decode(x));
            var cached = Messages.Decode(message, x => XfrmStateCodec.Decode(x, cache));
            Assert.Equal(plain, cached);
            Assert.Equal(plain, Messages.Decode(message, x => XfrmStateCodec.Decode(x, cache)));
        }
    }

    [Fact]
    public void KernelFilledSelectorOfOnlyAFamilyIsSharedAndEqualsTheFullDecoding()
    {
        var message = Messages.Split(TestData.Hex("state-dump.reply.hex"))[1];
        var first = Messages.Decode(message, x => XfrmStateCodec.Decode(x));
        var second = Messages.Decode(message, x => XfrmStateCodec.Decode(x));
        Assert.Equal(XfrmSelector.Any(XfrmFamily.IPv4), first.Selector);
        Assert.Same(first.Selector, second.Selector);
    }

    [Fact]
    public void StatesOfOneDumpShareTheirEqualSourceAlgorithmAndReplayState()
    {
        var cache = new XfrmDecodeCache();
        var first = Decode(State(1), cache);
        var second = Decode(State(2), cache);

        Assert.Same(first.Source, second.Source);
        Assert.Same(first.Aead, second.Aead);
        Assert.Same(first.ReplayEsn, second.ReplayEsn);
        Assert.NotEqual(first.Destination, second.Destination);
        Assert.Equal(State(2), second);
    }

    [Fact]
    public void DifferentKeysAndReplayCountersAreNotShared()
    {
        var cache = new XfrmDecodeCache();
        var other = State(2) with
        {
            Aead = new XfrmAeadAlgorithm("rfc4106(gcm(aes))", XfrmKey.FromHex("0x00112233445566778899aabbccddeeff00112233"), 128),
            ReplayEsn = State(2).ReplayEsn! with { OutboundSequence = 7 },
        };
        var first = Decode(State(1), cache);
        var second = Decode(other, cache);

        Assert.NotSame(first.Aead, second.Aead);
        Assert.NotSame(first.ReplayEsn, second.ReplayEsn);
        Assert.Equal(other, second);
        Assert.Equal(State(3), Decode(State(3), cache));
    }

    [Fact]
    public void AnAddressOfAnotherFamilyWithTheSameBytesIsNotShared()
    {
        var cache = new XfrmDecodeCache();
        var v4 = Decode(State(1) with { Source = IPAddress.Parse("10.0.0.1") }, cache);
        var zeroV4 = Decode(State(1) with { Source = IPAddress.Any }, cache);
        Assert.Equal(IPAddress.Any, zeroV4.Source);
        Assert.NotEqual(v4.Source, zeroV4.Source);
    }

    /// <summary>Kernel-shaped: selector family set, full ESN bitmap.</summary>
    private static XfrmState State(int i) => Fixtures.AeadEsnState with
    {
        Destination = new IPAddress([10, 0, 1, (byte)i]),
        Spi = (uint)i,
        Selector = XfrmSelector.Any(XfrmFamily.IPv4),
        ReplayEsn = Fixtures.AeadEsnState.ReplayEsn! with { Bitmap = new uint[32] },
    };

    private static XfrmState Decode(XfrmState state, XfrmDecodeCache cache)
    {
        var bytes = Messages.Encode((ref NetlinkWriter w) =>
            XfrmStateCodec.Encode(ref w, state, XfrmMessageType.NewSa, XfrmAttributeLayout.KernelDump, NetlinkFlags.Multi));
        return Messages.Decode(bytes, x => XfrmStateCodec.Decode(x, cache));
    }
}
