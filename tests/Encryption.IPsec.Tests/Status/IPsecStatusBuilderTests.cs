using System.Net;
using Encryption.IPsec.Status;
using Encryption.IPsec.Tests.Reconcile;
using Xfrm.Stats;

namespace Encryption.IPsec.Tests.Status;

public class IPsecStatusBuilderTests
{
    private static readonly IPAddress[] Node1 = [IPAddress.Parse("192.168.100.1"), IPAddress.Parse("fd00:100::1")];

    [Fact]
    public void KeysInUseCountsEveryTunnelDirectionAsCiliumDoes()
    {
        var desired = DesiredSets.For(1, [2, 3], DesiredSets.Ring(3));

        var report = IPsecStatusBuilder.Build(new IPsecStatusInput { States = desired.States, Policies = desired.Policies, LocalAddresses = [.. Node1] });

        Assert.Equal(8, report.KeysInUse); // 2 peers x 2 families x IN/OUT, each tunnel key derived on its own
        Assert.Equal(8, report.States);
    }

    [Fact]
    public void DirectionsAreCountedForTheMetrics()
    {
        var desired = DesiredSets.For(1, [2, 3], DesiredSets.Ring(3));

        var counts = IPsecStatusBuilder.Count(desired.States, desired.Policies, Node1);

        Assert.Equal(new IPsecObjectCounts(StatesIn: 4, StatesOut: 4, PoliciesIn: 2, PoliciesOut: 4, PoliciesForward: 2), counts);
    }

    [Fact]
    public void AnOutStateNearSequenceExhaustionIsWarnedAbout()
    {
        var desired = DesiredSets.For(1, [2], DesiredSets.Ring(3));
        var states = desired.States.Select(s => Node1.Contains(s.Source) ? s with { ReplayEsn = s.ReplayEsn! with { OutboundSequence = uint.MaxValue, OutboundSequenceHigh = uint.MaxValue - 1 } } : s);

        var report = IPsecStatusBuilder.Build(new IPsecStatusInput { States = [.. states], LocalAddresses = [.. Node1] });

        Assert.Contains(report.Messages, m => m.Contains("sequence number", StringComparison.Ordinal) && m.Contains("rotate the key", StringComparison.Ordinal));
        Assert.Equal(((ulong)(uint.MaxValue - 1) << 32) | uint.MaxValue, report.MaxSequenceNumber);
    }

    [Fact]
    public void OnlyNonZeroCountersAreErrors()
    {
        var counters = XfrmStatistics.Parse("XfrmInError 0\nXfrmInNoStates 3\nXfrmOutPolBlock 2\n");

        var report = IPsecStatusBuilder.Build(new IPsecStatusInput { Counters = counters });

        Assert.Equal(["XfrmInNoStates", "XfrmOutPolBlock"], report.XfrmErrors.Keys);
        Assert.Equal(5, report.ErrorCount);
    }
}
