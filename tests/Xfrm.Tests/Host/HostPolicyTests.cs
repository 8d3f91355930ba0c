using System.Net;
using Xfrm.Client;
using Xfrm.Model;
using Xfrm.Tests.Support;
using Xfrm.Text;

namespace Xfrm.Tests.Host;

/// <summary>Policies through the client on the host kernel, in a fresh network namespace, checked against <c>ip xfrm policy</c>.</summary>
[Trait("Tier", "Host")]
public sealed class HostPolicyTests
{
    private static readonly XfrmPolicy[] Shapes =
        [Fixtures.OutTunnelPolicy, Fixtures.ForwardOptionalPolicy, Fixtures.BlockV6Policy, Fixtures.TransportPortsV6Policy];

    [Fact]
    public void PoliciesAddedThroughTheClientAreWhatIpXfrmPolicyShows()
    {
        using var ns = new TestNamespace();
        foreach (var policy in Shapes)
            ns.Client.AddPolicy(policy);

        var dumped = ns.Client.ListPolicies();

        Assert.Equal(ns.Ip("xfrm", "policy", "list"), XfrmTextRenderer.RenderPolicies(dumped));
        Assert.Equal(Shapes.Length, dumped.Count);
        foreach (var policy in Shapes)
            Assert.Contains(policy, dumped.Select(d => d with { Index = 0, Current = default }));
    }

    [Fact]
    public void UpdatedPolicyCarriesTheNewTemplateInIpXfrmPolicy()
    {
        using var ns = new TestNamespace();
        ns.Client.AddPolicy(Fixtures.OutTunnelPolicy);
        var rotated = Fixtures.OutTunnelPolicy with
        {
            Templates = new[] { XfrmTemplate.Tunnel(IPAddress.Parse("10.0.0.1"), IPAddress.Parse("10.0.1.1"), 4, 1) },
        };

        ns.Client.UpdatePolicy(rotated);

        var text = ns.Ip("xfrm", "policy", "list");
        Assert.Contains("spi 0x00000004", text, StringComparison.Ordinal);
        Assert.DoesNotContain("spi 0x00000003", text, StringComparison.Ordinal);
        Assert.Equal(rotated, Assert.Single(ns.Client.ListPolicies()) with { Index = 0, Current = default });
    }

    [Fact]
    public void DeletedPolicyIsGoneAndDeletingItAgainReportsAlreadyGone()
    {
        using var ns = new TestNamespace();
        ns.Client.AddPolicy(Fixtures.OutTunnelPolicy);

        Assert.True(ns.Client.DeletePolicy(Fixtures.OutTunnelPolicy.Key));
        Assert.False(ns.Client.DeletePolicy(Fixtures.OutTunnelPolicy.Key));
        Assert.Equal("", ns.Ip("xfrm", "policy", "list"));
    }

    [Fact]
    public void GetFindsAPolicyByItsKeyAndReturnsNullWhenMissing()
    {
        using var ns = new TestNamespace();
        ns.Client.AddPolicy(Fixtures.BlockV6Policy);

        var found = ns.Client.GetPolicy(Fixtures.BlockV6Policy.Key);

        Assert.Equal(Fixtures.BlockV6Policy, found! with { Index = 0, Current = default });
        Assert.Null(ns.Client.GetPolicy(Fixtures.OutTunnelPolicy.Key));
    }

    [Fact]
    public void PolicyAddedByIpSurvivesOurBulkChangesAndDeletes()
    {
        using var ns = new TestNamespace();
        ns.Ip("xfrm", "policy", "add", "src", "192.168.7.0/24", "dst", "192.168.8.0/24", "dir", "out", "priority", "7",
            "tmpl", "src", "192.168.7.1", "dst", "192.168.8.1", "proto", "esp", "reqid", "42", "mode", "tunnel");
        var foreign = ns.Ip("xfrm", "policy", "list");
        var ours = Enumerable.Range(1, 50).Select(i => Fixtures.OutTunnelPolicy with
        {
            Selector = XfrmSelector.Between("0.0.0.0/0", $"10.{i}.0.0/24"),
            Mark = new XfrmMark(0xe00 | ((uint)i << 16), 0xffffff00),
        }).ToList();

        ns.Client.Apply(ours.Select(p => (XfrmChange)new XfrmChange.AddPolicy(p)).ToList()).ThrowIfAnyFailed();
        ns.Client.Apply(ours.Select(p => (XfrmChange)new XfrmChange.UpdatePolicy(p with { Priority = 3 })).ToList()).ThrowIfAnyFailed();
        var deletes = ns.Client.Apply(ours.Select(p => (XfrmChange)new XfrmChange.DeletePolicy(p.Key)).ToList());
        deletes.ThrowIfAnyFailed();

        Assert.Equal(foreign, ns.Ip("xfrm", "policy", "list"));
        Assert.Equal(1u, ns.Client.GetSpdInfo().OutCount);
    }

    [Fact]
    public void BulkApplyReportsADuplicateAddAloneAndAppliesTheRest()
    {
        using var ns = new TestNamespace();
        var changes = new List<XfrmChange>
        {
            new XfrmChange.AddPolicy(Fixtures.OutTunnelPolicy),
            new XfrmChange.AddPolicy(Fixtures.OutTunnelPolicy),
            new XfrmChange.AddPolicy(Fixtures.ForwardOptionalPolicy),
            new XfrmChange.DeletePolicy(Fixtures.BlockV6Policy.Key),
        };

        var result = ns.Client.Apply(changes);

        var failure = Assert.Single(result.Failures);
        Assert.Equal(1, failure.Index);
        Assert.True(failure.Error!.IsAlreadyExists);
        Assert.Equal(XfrmChangeOutcome.AlreadyAbsent, result.Results[3].Outcome);
        Assert.Equal(2, ns.Client.ListPolicies().Count);
    }

    [Fact]
    public void SpdInfoCountsPoliciesPerDirectionLikeIpXfrmPolicyCount()
    {
        using var ns = new TestNamespace();
        foreach (var policy in Shapes)
            ns.Client.AddPolicy(policy);

        var info = ns.Client.GetSpdInfo();

        Assert.Equal((0u, 3u, 1u), (info.InCount, info.OutCount, info.ForwardCount));
        Assert.Contains("SPD IN  0 OUT 3 FWD 1", ns.Ip("xfrm", "policy", "count"), StringComparison.Ordinal);
    }

    [Fact]
    public void PolicyFilterSelectsByDirectionAndMark()
    {
        using var ns = new TestNamespace();
        foreach (var policy in Shapes)
            ns.Client.AddPolicy(policy);

        Assert.Single(ns.Client.ListPolicies(new XfrmPolicyFilter { Direction = XfrmPolicyDirection.Forward }));
        var marked = ns.Client.ListPolicies(new XfrmPolicyFilter { MarkValue = 0xe00, MarkMask = 0xf00 });
        Assert.Equal(2, marked.Count);
        Assert.Single(ns.Client.ListPolicies(new XfrmPolicyFilter { TemplateReqId = 5 }));
    }
}
