using Encryption.WireGuard.Desired;
using Encryption.WireGuard.Keys;
using Encryption.WireGuard.Model;
using Encryption.WireGuard.Reconcile;
using Encryption.WireGuard.Tests.Support;
using System.Net;

namespace Encryption.WireGuard.Tests.Reconcile;

public sealed class PeerPlannerTests : IDisposable
{
    private static readonly PublicKey A = TestNodes.KeyOf("node-2");
    private static readonly PublicKey B = TestNodes.KeyOf("node-3");
    private readonly PrivateKey own = PrivateKey.Generate();

    public void Dispose() => own.Dispose();

    private DesiredDevice Device(TimeSpan keepalive = default) => new(own, 51871, 0x1E00, keepalive);

    private WireGuardDevice Observed(params WireGuardPeer[] peers) => new()
    {
        Name = "cilium_wg0",
        PrivateKey = own,
        PublicKey = own.PublicKey,
        ListenPort = 51871,
        FirewallMark = 0x1E00,
        Peers = [.. peers],
    };

    private static WireGuardPeer Live(PublicKey key, string endpoint, params string[] prefixes) => new()
    {
        PublicKey = key,
        Endpoint = IPEndPoint.Parse(endpoint),
        AllowedIPs = [.. prefixes.Select(IPNetwork.Parse)],
    };

    private static DesiredPeer Want(PublicKey key, string endpoint, params string[] prefixes) => new()
    {
        NodeName = key == A ? "node-2" : "node-3",
        PublicKey = key,
        Endpoint = IPEndPoint.Parse(endpoint),
        AllowedIPs = [.. prefixes.Select(IPNetwork.Parse)],
    };

    private static WireGuardDesiredState State(params DesiredPeer[] peers) => new() { Peers = [.. peers] };

    [Fact]
    public void DeviceInSyncGivesAnEmptyPlan()
    {
        var plan = PeerPlanner.Plan(
            Observed(Live(A, "192.168.100.2:51871", "10.2.0.5/32", "192.168.100.2/32")),
            State(Want(A, "192.168.100.2:51871", "10.2.0.5/32", "192.168.100.2/32")), Device(), canRemoveAllowedIps: false);
        Assert.Empty(plan);
    }

    [Fact]
    public void FreshDeviceGetsItsKeyPortAndFwmarkFirstThenPeers()
    {
        var fresh = new WireGuardDevice { Name = "cilium_wg0", ListenPort = 40171 };
        var plan = PeerPlanner.Plan(fresh, State(Want(A, "192.168.100.2:51871", "192.168.100.2/32")), Device(TimeSpan.FromSeconds(25)), false);

        Assert.Equal([OperationKind.ConfigureDevice, OperationKind.UpsertPeers], plan.Select(o => o.Kind));
        Assert.Same(own, plan[0].Config.PrivateKey);
        Assert.Equal((51871, 0x1E00u), (plan[0].Config.ListenPort, plan[0].Config.FirewallMark));
        var peer = Assert.Single(plan[1].Config.Peers);
        Assert.False(peer.UpdateOnly);
        Assert.False(peer.ReplaceAllowedIPs);
        Assert.Equal(TimeSpan.FromSeconds(25), peer.PersistentKeepalive);
        Assert.DoesNotContain(own.RevealBase64(), string.Join(" ", plan.Select(o => o.Description)));
    }

    [Fact]
    public void NewPodIpIsAddedWithoutTouchingTheRestOfTheList()
    {
        var plan = PeerPlanner.Plan(
            Observed(Live(A, "192.168.100.2:51871", "10.2.0.5/32", "192.168.100.2/32")),
            State(Want(A, "192.168.100.2:51871", "10.2.0.5/32", "10.2.0.6/32", "192.168.100.2/32")), Device(), false);

        var op = Assert.Single(plan);
        Assert.Equal(OperationKind.UpsertPeers, op.Kind);
        var peer = Assert.Single(op.Config.Peers);
        Assert.True(peer.UpdateOnly);
        Assert.False(peer.ReplaceAllowedIPs);
        Assert.Null(peer.Endpoint);
        Assert.Equal([IPNetwork.Parse("10.2.0.6/32")], peer.AllowedIPs);
    }

    [Fact]
    public void StalePodIpGoesThroughTheDummyPeerWhenSingleRemovalIsUnsupported()
    {
        var plan = PeerPlanner.Plan(
            Observed(Live(A, "192.168.100.2:51871", "10.2.0.5/32", "10.2.0.6/32", "192.168.100.2/32")),
            State(Want(A, "192.168.100.2:51871", "10.2.0.5/32", "192.168.100.2/32")), Device(), canRemoveAllowedIps: false);

        var op = Assert.Single(plan);
        Assert.Equal(OperationKind.RemoveAllowedIps, op.Kind);
        Assert.Collection(op.Config.Peers,
            dummy =>
            {
                Assert.True(dummy.PublicKey.IsZero);
                Assert.Equal([IPNetwork.Parse("10.2.0.6/32")], dummy.AllowedIPs);
                Assert.False(dummy.Remove);
            },
            removal =>
            {
                Assert.True(removal.PublicKey.IsZero);
                Assert.True(removal.Remove);
            });
    }

    [Fact]
    public void StalePodIpIsRemovedDirectlyWhenSupported()
    {
        var plan = PeerPlanner.Plan(
            Observed(Live(A, "192.168.100.2:51871", "10.2.0.5/32", "10.2.0.6/32")),
            State(Want(A, "192.168.100.2:51871", "10.2.0.5/32")), Device(), canRemoveAllowedIps: true);

        var peer = Assert.Single(Assert.Single(plan).Config.Peers);
        Assert.Equal(A, peer.PublicKey);
        Assert.True(peer.UpdateOnly);
        Assert.Empty(peer.AllowedIPs);
        Assert.Equal([IPNetwork.Parse("10.2.0.6/32")], peer.RemoveAllowedIPs);
    }

    [Fact]
    public void AdditionsComeBeforeRemovalsAndPeerRemovalsComeLast()
    {
        var plan = PeerPlanner.Plan(
            Observed(Live(A, "192.168.100.2:51871", "10.2.0.5/32", "10.2.0.6/32"), Live(B, "192.168.100.3:51871", "10.3.0.5/32")),
            State(Want(A, "192.168.100.2:51871", "10.2.0.5/32", "10.2.0.7/32")), Device(), false);

        Assert.Equal([OperationKind.UpsertPeers, OperationKind.RemoveAllowedIps, OperationKind.RemovePeers], plan.Select(o => o.Kind));
        Assert.True(Assert.Single(plan[2].Config.Peers).Remove);
    }

    [Fact]
    public void PodIpMovingToAnotherNodeIsMovedByTheAdditionNotRemovedFirst()
    {
        var plan = PeerPlanner.Plan(
            Observed(Live(A, "192.168.100.2:51871", "10.9.9.9/32", "192.168.100.2/32"), Live(B, "192.168.100.3:51871", "192.168.100.3/32")),
            State(Want(A, "192.168.100.2:51871", "192.168.100.2/32"), Want(B, "192.168.100.3:51871", "10.9.9.9/32", "192.168.100.3/32")),
            Device(), false);

        var op = Assert.Single(plan);
        Assert.Equal(OperationKind.UpsertPeers, op.Kind);
        Assert.Equal(B, Assert.Single(op.Config.Peers).PublicKey);
    }

    [Fact]
    public void RemoteKeyRotationAddsTheNewPeerWithAllPrefixesBeforeRemovingTheOldOne()
    {
        var rotated = TestNodes.KeyOf("node-2 rotated");
        var plan = PeerPlanner.Plan(
            Observed(Live(A, "192.168.100.2:51871", "10.2.0.5/32", "192.168.100.2/32")),
            State(Want(A, "192.168.100.2:51871", "10.2.0.5/32", "192.168.100.2/32") with { PublicKey = rotated }), Device(), false);

        Assert.Equal([OperationKind.UpsertPeers, OperationKind.RemovePeers], plan.Select(o => o.Kind));
        var added = Assert.Single(plan[0].Config.Peers);
        Assert.Equal(rotated, added.PublicKey);
        Assert.Equal(2, added.AllowedIPs.Count);
        Assert.Equal(A, Assert.Single(plan[1].Config.Peers).PublicKey);
    }

    [Fact]
    public void ChangedEndpointAndKeepaliveAreUpdatedInPlace()
    {
        var plan = PeerPlanner.Plan(
            Observed(Live(A, "192.168.100.2:51871", "192.168.100.2/32")),
            State(Want(A, "192.168.100.22:51871", "192.168.100.2/32")), Device(TimeSpan.FromSeconds(25)), false);

        var peer = Assert.Single(Assert.Single(plan).Config.Peers);
        Assert.Equal(IPEndPoint.Parse("192.168.100.22:51871"), peer.Endpoint);
        Assert.Equal(TimeSpan.FromSeconds(25), peer.PersistentKeepalive);
        Assert.Empty(peer.AllowedIPs);
    }

    [Fact]
    public void LeftoverDummyPeerIsRemoved()
    {
        var plan = PeerPlanner.Plan(Observed(Live(PublicKey.Zero, "0.0.0.0:1", "10.2.0.6/32")), State(), Device(), false);
        Assert.True(Assert.Single(Assert.Single(plan).Config.Peers).PublicKey.IsZero);
    }

    [Fact]
    public void ApplyingThePlanToAModelOfTheDeviceConvergesAndNeverLeavesAWantedPrefixUnowned()
    {
        var observed = Observed(
            Live(A, "192.168.100.2:51871", "10.2.0.5/32", "10.2.0.6/32", "10.9.9.9/32"),
            Live(B, "192.168.100.3:51871", "10.3.0.5/32"));
        var desired = State(
            Want(A, "192.168.100.2:51871", "10.2.0.5/32", "10.2.0.8/32"),
            Want(TestNodes.KeyOf("node-3 rotated"), "192.168.100.3:51871", "10.3.0.5/32", "10.9.9.9/32"));
        var wanted = desired.Peers.SelectMany(p => p.AllowedIPs).ToHashSet();
        var device = new DeviceModel(observed);
        var owned = device.OwnedPrefixes();

        foreach (var op in PeerPlanner.Plan(observed, desired, Device(), false))
        {
            foreach (var peer in op.Config.Peers)
            {
                device.Apply(peer);
                var now = device.OwnedPrefixes();
                var lost = owned.Intersect(wanted).Where(p => !now.Contains(p)).ToList();
                Assert.True(lost.Count == 0, $"wanted prefixes left without a peer: {string.Join(", ", lost)}");
                owned = now;
            }
        }

        Assert.Empty(PeerPlanner.Plan(device.Snapshot(observed), desired, Device(), false));
    }

    /// <summary>A model of WireGuard's allowed-IP semantics: adding a prefix moves it from whichever peer held it.</summary>
    private sealed class DeviceModel(WireGuardDevice initial)
    {
        private readonly Dictionary<PublicKey, (IPEndPoint? Endpoint, List<IPNetwork> Prefixes)> peers =
            initial.Peers.ToDictionary(p => p.PublicKey, p => (p.Endpoint, p.AllowedIPs.ToList()));

        public HashSet<IPNetwork> OwnedPrefixes() => peers.Values.SelectMany(p => p.Prefixes).ToHashSet();

        public void Apply(PeerConfig config)
        {
            if (config.Remove)
            {
                peers.Remove(config.PublicKey);
                return;
            }

            if (!peers.TryGetValue(config.PublicKey, out var peer))
            {
                if (config.UpdateOnly)
                    return;
                peer = (null, []);
                peers[config.PublicKey] = peer;
            }

            foreach (var prefix in config.AllowedIPs)
            {
                foreach (var other in peers.Values)
                    other.Prefixes.Remove(prefix);
                peer.Prefixes.Add(prefix);
            }

            foreach (var prefix in config.RemoveAllowedIPs)
                peer.Prefixes.Remove(prefix);
            peers[config.PublicKey] = (config.Endpoint ?? peer.Endpoint, peer.Prefixes);
        }

        public WireGuardDevice Snapshot(WireGuardDevice template) => template with
        {
            Peers = [.. peers.Select(p => new WireGuardPeer { PublicKey = p.Key, Endpoint = p.Value.Endpoint, AllowedIPs = [.. p.Value.Prefixes] })],
        };
    }
}
