using Xfrm.Tests.Support;
using Xfrm.Text;

namespace Xfrm.Tests.Golden;

/// <summary>The renderer prints what <c>ip xfrm ... list</c> printed for the same objects (testdata/*.txt).</summary>
public sealed class TextRenderingTests
{
    [Fact]
    public void PoliciesRenderLikeIpXfrmPolicyList()
    {
        var policies = new[] { Fixtures.ForwardOptionalPolicy, Fixtures.OutTunnelPolicy };
        Assert.Equal(TestData.Text("policy-list.txt"), XfrmTextRenderer.RenderPolicies(policies));
    }

    [Fact]
    public void DumpedStatesRenderLikeIpXfrmStateList()
    {
        var messages = Messages.Split(TestData.Hex("state-dump.reply.hex")).Take(2);
        var states = messages.Select(m => Messages.Decode(m, x => Codec.XfrmStateCodec.Decode(x)));
        Assert.Equal(TestData.Text("state-list.txt"), XfrmTextRenderer.RenderStates(states, showKeys: true));
    }

    [Fact]
    public void RenderedStatesHideKeysUnlessAsked()
    {
        var text = XfrmTextRenderer.RenderStates([Fixtures.AeadEsnState, Fixtures.CbcHmacV6State], showKeys: false);
        Assert.DoesNotContain("5ceb47a1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("0001020304", text, StringComparison.Ordinal);
        Assert.Contains("<redacted>", text, StringComparison.Ordinal);
    }
}
