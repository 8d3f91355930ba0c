using System.Net;
using Encryption.Core.Configuration;
using Encryption.IPsec.Reconcile;
using Xfrm.Client;
using Xfrm.Model;

namespace Encryption.IPsec.Tests.Reconcile;

public class XfrmDiffTests
{
    private static readonly XfrmState ForeignState = new()
    {
        Source = IPAddress.Parse("192.168.100.1"),
        Destination = IPAddress.Parse("192.168.100.9"),
        Spi = 0x1000,
        ReqId = 7,
        Aead = new XfrmAeadAlgorithm("rfc4106(gcm(aes))", new XfrmKey(new byte[20]), 128),
    };

    private static readonly XfrmPolicy ForeignPolicy = new()
    {
        Selector = XfrmSelector.Any(XfrmFamily.IPv4) with { Destination = IPAddress.Parse("172.16.0.0"), DestinationPrefixLength = 16 },
        Direction = XfrmPolicyDirection.Out,
        Templates = new ValueList<XfrmTemplate>([XfrmTemplate.Tunnel(IPAddress.Parse("192.168.100.1"), IPAddress.Parse("192.168.100.9"), 0x1000, 7)]),
    };

    [Fact]
    public void AnEmptyKernelGetsEveryStateBeforeAnyPolicy()
    {
        var desired = DesiredSets.For(1, [2, 3], DesiredSets.Ring(3));

        var changes = XfrmDiff.Compute(desired, [], []);

        Assert.Equal(desired.States.Length, changes.StatesAdded);
        Assert.Equal(desired.Policies.Length, changes.PoliciesAdded);
        var lastState = changes.Changes.ToList().FindLastIndex(c => c is XfrmChange.AddState);
        var firstPolicy = changes.Changes.ToList().FindIndex(c => c is XfrmChange.AddPolicy);
        Assert.True(lastState < firstPolicy);
    }

    [Fact]
    public void TheKernelHoldingExactlyTheDesiredSetNeedsNoChange()
    {
        var desired = DesiredSets.For(1, [2, 3], DesiredSets.Ring(3));

        var changes = XfrmDiff.Compute(desired, Dumped(desired.States), desired.Policies);

        Assert.True(changes.IsEmpty, changes.ToString());
    }

    [Fact]
    public void ForeignStatesAndPoliciesAreNeverTouched()
    {
        var desired = DesiredSets.For(1, [2], DesiredSets.Ring(3));

        var changes = XfrmDiff.Compute(desired, [.. desired.States, ForeignState], [.. desired.Policies, ForeignPolicy]);

        Assert.True(changes.IsEmpty, changes.ToString());
    }

    [Fact]
    public void ARemovedNodeLosesItsPoliciesFirstAndItsStatesLast()
    {
        var before = DesiredSets.For(1, [2, 3], DesiredSets.Ring(3));
        var after = DesiredSets.For(1, [2], DesiredSets.Ring(3));

        var changes = XfrmDiff.Compute(after, before.States, before.Policies);

        Assert.Equal(0, changes.StatesAdded);
        Assert.Equal(0, changes.PoliciesAdded);
        Assert.Equal(4, changes.StatesRemoved); // node3: IN and OUT, IPv4 and IPv6
        Assert.Equal(2, changes.PoliciesRemoved); // node3's pod CIDR of each family (node encryption off)
        Assert.All(changes.Changes.Take(2), c => Assert.IsType<XfrmChange.DeletePolicy>(c));
        Assert.All(changes.Changes.Skip(2), c => Assert.IsType<XfrmChange.DeleteState>(c));
        Assert.All(changes.Changes.OfType<XfrmChange.DeleteState>(), c => Assert.Contains(c.Key.Destination.ToString(), new[] { "192.168.100.3", "fd00:100::3", "192.168.100.1", "fd00:100::1" }));
    }

    [Fact]
    public void ANewKeyAddsStatesAndUpdatesPoliciesInPlaceOnceThePeerAdvertisesIt()
    {
        var before = DesiredSets.For(1, [2], DesiredSets.Ring(3), advertised: 3);
        var after = DesiredSets.For(1, [2], DesiredSets.Ring(3, 4), advertised: 4);

        var changes = XfrmDiff.Compute(after, before.States, before.Policies);

        Assert.Equal(4, changes.StatesAdded); // key 4: IN and OUT per family
        Assert.Equal(0, changes.StatesRemoved); // key 3 stays while it is held
        Assert.Equal(0, changes.PoliciesAdded);
        Assert.Equal(2, changes.PoliciesUpdated); // the OUT policies now name key 4
        Assert.All(changes.Changes.OfType<XfrmChange.UpdatePolicy>(), c => Assert.Equal(1u << 8 | 4u, c.Policy.Templates[0].Spi)); // node 1's ID, key 4
    }

    [Fact]
    public void APeerThatRebootedGetsItsStatesReplacedDeleteThenAdd()
    {
        var desired = DesiredSets.For(1, [2], DesiredSets.Ring(3));
        var stale = desired.States.Select(s => s.Aead is { } a ? s with { Aead = a with { Key = new XfrmKey(new byte[20]) } } : s);

        var changes = XfrmDiff.Compute(desired, stale, desired.Policies);

        Assert.Equal(desired.States.Length, changes.StatesReplaced);
        for (var i = 0; i < changes.Changes.Length; i += 2)
        {
            var delete = Assert.IsType<XfrmChange.DeleteState>(changes.Changes[i]);
            var add = Assert.IsType<XfrmChange.AddState>(changes.Changes[i + 1]);
            Assert.Equal(add.State.Spi, delete.Key.Spi);
        }
    }

    [Fact]
    public void DumpOnlyFieldsDoNotCountAsDrift()
    {
        var desired = DesiredSets.For(1, [2], DesiredSets.Ring(3));

        var changes = XfrmDiff.Compute(desired, Dumped(desired.States), desired.Policies.Select(p => p with { Index = 0x100, Current = default }));

        Assert.True(changes.IsEmpty, changes.ToString());
    }

    [Fact]
    public void SwitchingToMarkModeRemovesTheSelectorModeObjects()
    {
        var selector = DesiredSets.For(1, [2], DesiredSets.Ring(3));
        var mark = DesiredSets.For(1, [2], DesiredSets.Ring(3), IPsecPolicyMode.Mark);

        var changes = XfrmDiff.Compute(mark, selector.States, selector.Policies);

        Assert.Equal(selector.States.Length, changes.StatesRemoved);
        Assert.Equal(mark.States.Length, changes.StatesAdded);
    }

    /// <summary>What a kernel dump adds to a state: counters, the selector filled in, the full replay bitmap.</summary>
    private static IEnumerable<XfrmState> Dumped(IEnumerable<XfrmState> states) => states.Select(s => s with
    {
        Selector = XfrmSelector.Any(s.Family),
        ReplayEsn = s.ReplayEsn! with { Bitmap = new ValueList<uint>(new uint[32]), OutboundSequence = 42 },
        Statistics = default,
        LastUsed = 1_700_000_000,
    });
}
