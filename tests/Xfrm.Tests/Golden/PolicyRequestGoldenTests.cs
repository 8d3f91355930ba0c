using Netlink;
using Xfrm.Codec;
using Xfrm.Model;
using Xfrm.Tests.Support;
using Xfrm.Wire;

namespace Xfrm.Tests.Golden;

/// <summary>Policy requests captured from iproute2: decoded to the model, re-encoded byte for byte.</summary>
public sealed class PolicyRequestGoldenTests
{
    public static TheoryData<string, string> Captures => new()
    {
        { "policy-out-tunnel-mark.request.hex", nameof(Fixtures.OutTunnelPolicy) },
        { "policy-fwd-optional.request.hex", nameof(Fixtures.ForwardOptionalPolicy) },
        { "policy-block-v6.request.hex", nameof(Fixtures.BlockV6Policy) },
        { "policy-transport-ports-v6.request.hex", nameof(Fixtures.TransportPortsV6Policy) },
    };

    [Theory]
    [MemberData(nameof(Captures))]
    public void PolicyRequestDecodesToTheCanonicalPolicy(string file, string fixture)
    {
        var bytes = TestData.Hex(file);
        Assert.Equal(Policy(fixture), Messages.Decode(bytes, m => XfrmPolicyCodec.Decode(m)));
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void PolicyRequestEncodesLikeIproute2(string file, string fixture)
    {
        var expected = TestData.Hex(file);
        var header = Messages.Header(expected);
        var actual = Messages.Encode((ref NetlinkWriter w) => XfrmPolicyCodec.Encode(ref w, Policy(fixture), header.Type, flags: header.Flags));
        Messages.AssertSameMessage(expected, actual);
    }

    [Fact]
    public void PolicyDeleteRoundTripsLikeIproute2()
    {
        var expected = TestData.Hex("policy-delete.request.hex");
        var key = Fixtures.OutTunnelPolicy.Key;
        Assert.Equal(key, Messages.Decode(expected, XfrmPolicyKeyCodec.Decode));
        var actual = Messages.Encode((ref NetlinkWriter w) =>
            XfrmPolicyKeyCodec.Encode(ref w, key, XfrmMessageType.DelPolicy, NetlinkFlags.Request | NetlinkFlags.Ack));
        Messages.AssertSameMessage(expected, actual);
    }

    private static XfrmPolicy Policy(string name) => (XfrmPolicy)typeof(Fixtures).GetProperty(name)!.GetValue(null)!;
}
