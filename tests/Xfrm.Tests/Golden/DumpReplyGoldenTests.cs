using Netlink;
using Xfrm.Codec;
using Xfrm.Model;
using Xfrm.Tests.Support;
using Xfrm.Wire;

namespace Xfrm.Tests.Golden;

/// <summary>Kernel replies captured in user-mode-linux (testdata/*.reply.hex): decoded, and dumps re-encoded byte for byte.</summary>
public sealed class DumpReplyGoldenTests
{
    [Fact]
    public void StateDumpDecodesToTheAddedStatesWithKernelFilledFields()
    {
        var messages = Messages.Split(TestData.Hex("state-dump.reply.hex"));
        Assert.Equal(3, messages.Count);
        Assert.Equal(NetlinkMessageType.Done, Messages.Header(messages[2]).Type);
        var states = messages.Take(2).Select(m => Messages.Decode(m, x => XfrmStateCodec.Decode(x))).ToList();

        // Newest first. The kernel adds the anti-replay state, the add time and (for an empty selector) the family.
        var cbc = states[0];
        Assert.NotEqual(0UL, cbc.Current.AddTime);
        Assert.Equal(Fixtures.CbcHmacV6State with { Replay = new XfrmReplayState(0, 0, 0), Current = cbc.Current }, cbc);

        var aead = states[1];
        Assert.Equal(32, aead.ReplayEsn!.Bitmap.Count);
        Assert.Equal(
            Fixtures.AeadEsnState with
            {
                Selector = XfrmSelector.Any(XfrmFamily.IPv4),
                ReplayEsn = Fixtures.AeadEsnState.ReplayEsn! with { Bitmap = new uint[32] },
                Current = aead.Current,
            },
            aead);
    }

    [Fact]
    public void StateDumpReEncodesByteForByte()
    {
        foreach (var message in Messages.Split(TestData.Hex("state-dump.reply.hex")).Take(2))
        {
            var state = Messages.Decode(message, x => XfrmStateCodec.Decode(x));
            var actual = Messages.Encode((ref NetlinkWriter w) =>
                XfrmStateCodec.Encode(ref w, state, XfrmMessageType.NewSa, XfrmAttributeLayout.KernelDump, NetlinkFlags.Multi));
            Messages.AssertSameMessage(message, actual);
        }
    }

    [Fact]
    public void StateGetReplyIsTheAeadState()
    {
        var messages = Messages.Split(TestData.Hex("state-get.reply.hex"));
        var state = Messages.Decode(messages[0], x => XfrmStateCodec.Decode(x));
        Assert.Equal(Fixtures.AeadEsnStateKey, state.Key);
        Assert.Equal(Fixtures.GcmKey, state.Aead!.Key);
    }

    [Fact]
    public void PolicyDumpDecodesToTheAddedPolicies()
    {
        var messages = Messages.Split(TestData.Hex("policy-dump.reply.hex"));
        Assert.Equal(NetlinkMessageType.Done, Messages.Header(messages[^1]).Type);
        var policies = messages.SkipLast(1).Select(m => Messages.Decode(m, x => XfrmPolicyCodec.Decode(x))).ToList();
        XfrmPolicy[] expected = [Fixtures.TransportPortsV6Policy, Fixtures.BlockV6Policy, Fixtures.ForwardOptionalPolicy, Fixtures.OutTunnelPolicy];
        Assert.Equal(expected.Length, policies.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.NotEqual(0u, policies[i].Index);
            Assert.Equal(policies[i].Index & 7, (uint)policies[i].Direction);
            Assert.Equal(expected[i] with { Index = policies[i].Index, Current = policies[i].Current }, policies[i]);
        }
    }

    [Fact]
    public void PolicyDumpReEncodesByteForByte()
    {
        foreach (var message in Messages.Split(TestData.Hex("policy-dump.reply.hex")).SkipLast(1))
        {
            var policy = Messages.Decode(message, x => XfrmPolicyCodec.Decode(x));
            var actual = Messages.Encode((ref NetlinkWriter w) =>
                XfrmPolicyCodec.Encode(ref w, policy, XfrmMessageType.NewPolicy, XfrmAttributeLayout.KernelDump, NetlinkFlags.Multi));
            Messages.AssertSameMessage(message, actual);
        }
    }

    [Fact]
    public void SadInfoReplyCountsTheTwoStates()
    {
        var info = Messages.Decode(TestData.Hex("state-sadinfo.reply.hex"), XfrmTableInfoCodec.DecodeSadInfo);
        Assert.Equal(2u, info.Count);
        Assert.True(info.HashBuckets > 0 && info.MaxHashBuckets >= info.HashBuckets);
    }

    [Fact]
    public void SpdInfoReplyCountsPoliciesPerDirection()
    {
        var info = Messages.Decode(TestData.Hex("policy-spdinfo.reply.hex"), XfrmTableInfoCodec.DecodeSpdInfo);
        Assert.Equal((0u, 2u, 1u), (info.InCount, info.OutCount, info.ForwardCount));
    }

    [Theory]
    [InlineData("state-delete.reply.hex", 0)]
    [InlineData("state-delete-missing.reply.hex", Errno.ESRCH)]
    [InlineData("policy-delete.reply.hex", 0)]
    [InlineData("policy-delete-missing.reply.hex", Errno.ENOENT)]
    public void DeleteRepliesCarryTheKernelsErrno(string file, int errno)
    {
        var error = Messages.Decode(TestData.Hex(file), NetlinkErrorMessage.Parse);
        Assert.Equal(errno, error.Errno);
    }
}
