using System.Net;
using Xfrm.Client;
using Xfrm.Model;
using Xfrm.Tests.Support;

namespace Xfrm.Tests.Uml;

/// <summary>Bulk apply at scale on a kernel with ESP: one call, exact dumps, isolated failures.</summary>
[Trait("Tier", "Uml")]
public sealed class UmlBulkTests
{
    private const int Count = 10_000;

    [Fact]
    public void TenThousandStatesAndPoliciesAppliedInOneCallDumpExactlyAndDeleteCleanly()
    {
        Tiers.RequireUml();
        using var ns = new TestNamespace();
        var states = Enumerable.Range(0, Count).Select(State).ToList();
        var policies = Enumerable.Range(0, Count).Select(Policy).ToList();
        var changes = states.Select(s => (XfrmChange)new XfrmChange.AddState(s))
            .Concat(policies.Select(p => new XfrmChange.AddPolicy(p)))
            .ToList();

        var applied = ns.Client.Apply(changes);

        applied.ThrowIfAnyFailed();
        Assert.Equal(2 * Count, applied.Results.Count);
        Assert.Equal((uint)Count, ns.Client.GetSadInfo().Count);
        Assert.Equal((uint)Count, ns.Client.GetSpdInfo().OutCount);

        var dumpedStates = ns.Client.ListStates().ToDictionary(s => s.Spi);
        Assert.Equal(Count, dumpedStates.Count);
        foreach (var state in states)
        {
            var got = dumpedStates[state.Spi];
            Assert.Equal(state with
            {
                Selector = XfrmSelector.Any(XfrmFamily.IPv4),
                ReplayEsn = state.ReplayEsn! with { Bitmap = new uint[32] },
                Current = got.Current,
            }, got);
        }

        var dumpedPolicies = ns.Client.ListPolicies().ToDictionary(p => p.Selector.Destination);
        Assert.Equal(Count, dumpedPolicies.Count);
        foreach (var policy in policies)
        {
            var got = dumpedPolicies[policy.Selector.Destination];
            Assert.Equal(policy with { Index = got.Index, Current = got.Current }, got);
        }

        var deleted = ns.Client.Apply(
            states.Select(s => (XfrmChange)new XfrmChange.DeleteState(s.Key))
                .Concat(policies.Select(p => new XfrmChange.DeletePolicy(p.Key)))
                .ToList());
        deleted.ThrowIfAnyFailed();
        Assert.All(deleted.Results, r => Assert.Equal(XfrmChangeOutcome.Applied, r.Outcome));
        Assert.Equal(0u, ns.Client.GetSadInfo().Count);
        Assert.Equal(0u, ns.Client.GetSpdInfo().Total);
    }

    [Fact]
    public void OneBadRequestInABatchIsReportedAloneAndTheOthersAreApplied()
    {
        Tiers.RequireUml();
        using var ns = new TestNamespace();
        var states = Enumerable.Range(0, 1000).Select(State).ToList();
        states[500] = states[500] with { Aead = states[500].Aead! with { Name = "rfc4106(nosuch(aes))" } };

        var result = ns.Client.Apply(states.Select(s => (XfrmChange)new XfrmChange.AddState(s)).ToList());

        var failure = Assert.Single(result.Failures);
        Assert.Equal(500, failure.Index);
        Assert.Equal(Netlink.Errno.ENOSYS, failure.Error!.Errno);
        Assert.Contains($"spi 0x{states[500].Spi:x8}", failure.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexStringLower(Fixtures.GcmKey.Span), failure.Error.Message, StringComparison.Ordinal);
        Assert.Equal(999u, ns.Client.GetSadInfo().Count);
        Assert.Null(ns.Client.GetState(states[500].Key));
    }

    /// <summary>An OUT state like Cilium's: tunnel mode, GCM, ESN, node mark and output mark, distinct destination.</summary>
    internal static XfrmState State(int i) => Fixtures.AeadEsnState with
    {
        Destination = new IPAddress([10, (byte)(100 + (i >> 16)), (byte)(i >> 8), (byte)i]),
        Spi = (uint)(i + 1),
        Mark = new XfrmMark(0xe00 | (3u << 12) | ((uint)(i & 0xffff) << 16), 0xffffff00),
    };

    /// <summary>An OUT policy to a distinct /24 with a tunnel template.</summary>
    internal static XfrmPolicy Policy(int i) => Fixtures.OutTunnelPolicy with
    {
        Selector = XfrmSelector.Between("0.0.0.0/0", $"{20 + (i >> 16)}.{(i >> 8) & 0xff}.{i & 0xff}.0/24"),
        Mark = new XfrmMark(0xe00 | (3u << 12) | ((uint)(i & 0xffff) << 16), 0xffffff00),
        Templates = new[] { XfrmTemplate.Tunnel(IPAddress.Parse("10.0.0.1"), new IPAddress([10, (byte)(100 + (i >> 16)), (byte)(i >> 8), (byte)i]), 3, 1) },
    };
}
