using System.Net;
using Xfrm.Client;
using Xfrm.Model;
using Xfrm.Tests.Support;
using Xfrm.Text;

namespace Xfrm.Tests.Uml;

/// <summary>States on a kernel with ESP (user-mode-linux): every algorithm shape, both families, ESN, marks.</summary>
[Trait("Tier", "Uml")]
public sealed class UmlStateTests
{
    public static TheoryData<string> Shapes => new() { "gcm-v4", "gcm-v6", "cbc-hmac-v4", "cbc-hmac-v6" };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void StateAddedThroughTheClientIsWhatTheKernelAndIpXfrmReport(string shape)
    {
        Tiers.RequireUml();
        using var ns = new TestNamespace();
        var state = Shape(shape);

        ns.Client.AddState(state);

        var got = ns.Client.GetState(state.Key);
        Assert.NotNull(got);
        Assert.Equal(WithKernelFields(state, got), got);
        var dumped = Assert.Single(ns.Client.ListStates());
        Assert.Equal(got with { Current = dumped.Current }, dumped);
        Assert.Equal(ns.Ip("xfrm", "state", "list"), XfrmTextRenderer.RenderStates([dumped], showKeys: true));
    }

    [Fact]
    public void UpdateReplacesTheOutputMarkOfAnExistingState()
    {
        Tiers.RequireUml();
        using var ns = new TestNamespace();
        ns.Client.AddState(Fixtures.AeadEsnState);

        ns.Client.UpdateState(Fixtures.AeadEsnState with { OutputMark = new XfrmMark(0xd00, 0xffffff00) });

        Assert.Equal(new XfrmMark(0xd00, 0xffffff00), ns.Client.GetState(Fixtures.AeadEsnStateKey)!.OutputMark);
    }

    [Fact]
    public void AddingTheSameStateTwiceFailsWithAlreadyExists()
    {
        Tiers.RequireUml();
        using var ns = new TestNamespace();
        ns.Client.AddState(Fixtures.AeadEsnState);

        var error = Assert.Throws<Netlink.NetlinkException>(() => ns.Client.AddState(Fixtures.AeadEsnState));

        Assert.True(error.IsAlreadyExists);
        Assert.DoesNotContain("5ceb47a1", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void DeleteOfMissingStateIsReportedAsAlreadyGone()
    {
        Tiers.RequireUml();
        using var ns = new TestNamespace();
        ns.Client.AddState(Fixtures.AeadEsnState);

        Assert.True(ns.Client.DeleteState(Fixtures.AeadEsnStateKey));
        Assert.False(ns.Client.DeleteState(Fixtures.AeadEsnStateKey));
        Assert.Null(ns.Client.GetState(Fixtures.AeadEsnStateKey));
    }

    [Fact]
    public void DeleteNeedsTheMarkOfAMarkedState()
    {
        Tiers.RequireUml();
        using var ns = new TestNamespace();
        ns.Client.AddState(Fixtures.AeadEsnState);

        Assert.False(ns.Client.DeleteState(Fixtures.AeadEsnStateKey with { Mark = null }));
        Assert.True(ns.Client.DeleteState(Fixtures.AeadEsnStateKey));
    }

    [Fact]
    public void KernelSideDumpFiltersSelectByProtocolAndDestinationPrefix()
    {
        Tiers.RequireUml();
        using var ns = new TestNamespace();
        for (var i = 1; i <= 6; i++)
            ns.Client.AddState(Fixtures.AeadEsnState with { Destination = IPAddress.Parse($"10.{i % 2}.0.{i}"), Spi = (uint)i, ReqId = (uint)i });

        var inTen0 = ns.Client.ListStates(new XfrmStateFilter { Protocol = XfrmProtocol.Esp, DestinationPrefix = (IPAddress.Parse("10.0.0.0"), 24) });
        Assert.Equal([2u, 4u, 6u], inTen0.Select(s => s.Spi).Order());
        Assert.Empty(ns.Client.ListStates(new XfrmStateFilter { Protocol = XfrmProtocol.Ah }));
        Assert.Equal(3u, Assert.Single(ns.Client.ListStates(new XfrmStateFilter { ReqId = 3 })).Spi);
        Assert.Equal(6u, ns.Client.GetSadInfo().Count);
    }

    private static XfrmState Shape(string shape)
    {
        var v6 = shape.EndsWith("v6", StringComparison.Ordinal);
        var source = IPAddress.Parse(v6 ? "fd00:1::1" : "10.0.0.1");
        var destination = IPAddress.Parse(v6 ? "fd00:1::2" : "10.0.1.1");
        var gcm = shape.StartsWith("gcm", StringComparison.Ordinal);
        var state = (gcm ? Fixtures.AeadEsnState : Fixtures.CbcHmacV6State) with { Source = source, Destination = destination };
        return gcm
            ? state
            : state with
            {
                Selector = XfrmSelector.Between($"{source}/{(v6 ? 128 : 32)}", $"{destination}/{(v6 ? 128 : 32)}"),
                Mark = new XfrmMark(0x2_0d00, 0xffff0f00),
                OutputMark = new XfrmMark(0xd00, 0xffffff00),
                Flags = XfrmStateFlags.Esn,
                ReplayWindow = 0,
                ReplayEsn = XfrmReplayStateEsn.ForWindow(128),
            };
    }

    /// <summary>What the kernel adds to a state it reports: selector family, anti-replay state, usage.</summary>
    private static XfrmState WithKernelFields(XfrmState sent, XfrmState got) => sent with
    {
        Selector = sent.Selector.Family == XfrmFamily.Unspecified ? XfrmSelector.Any(sent.Family) : sent.Selector,
        ReplayEsn = sent.ReplayEsn is { } esn ? esn with { Bitmap = new uint[esn.BitmapLength] } : null,
        Replay = sent.ReplayEsn is null ? new XfrmReplayState(0, 0, 0) : null,
        Current = got.Current,
    };
}
