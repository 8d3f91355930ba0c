using Encryption.WireGuard.Device;
using Encryption.WireGuard.Desired;
using Encryption.WireGuard.Keys;
using Encryption.WireGuard.Model;
using Encryption.WireGuard.Reconcile;
using Encryption.WireGuard.Tests.Support;
using Encryption.WireGuard.Uapi;
using Microsoft.Extensions.Logging.Abstractions;
using System.Net;

namespace Encryption.WireGuard.Tests.Integration;

/// <summary>The UAPI transport against a real wireguard-go in a fresh network namespace.</summary>
[Trait("Tier", "Host")]
[Collection("host")]
public sealed class UapiWireGuardGoTests : IDisposable
{
    private readonly string ns = "wgt-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string directory = Path.Combine(Path.GetTempPath(), "wgt-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly WireGuardGoProcess process;
    private readonly UapiClient client;

    public UapiWireGuardGoTests()
    {
        Processes.RequireRoot();
        Processes.Require("wireguard-go");
        Processes.Run("ip", "netns", "add", ns);
        try
        {
            process = WireGuardGoProcess.Start("cilium_wg0", directory, ns);
        }
        catch
        {
            Processes.TryRun(null, null, "ip", "netns", "delete", ns);
            throw;
        }

        client = new UapiClient(directory);
    }

    public void Dispose()
    {
        process.Dispose();
        Processes.TryRun(null, null, "ip", "netns", "delete", ns);
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public void CanonicalConfigReadsBackAsConfigured()
    {
        var config = WgConfigFile.Parse(TestData.Text("canonical.conf"));
        client.ConfigureDevice("cilium_wg0", config);

        var device = client.GetDevice("cilium_wg0");

        Assert.Equal(WireGuardTransportKind.Userspace, device.Kind);
        Assert.Equal(CanonicalDevice.Own, device.PublicKey);
        Assert.True(device.PrivateKey!.SecretEquals(config.PrivateKey!));
        Assert.Equal((51871, 0x1E00u), (device.ListenPort, device.FirewallMark));
        var b = device.Peers.Single(p => p.PublicKey == CanonicalDevice.B);
        Assert.Equal(IPEndPoint.Parse("10.99.0.2:51871"), b.Endpoint);
        Assert.Equal(TimeSpan.FromSeconds(25), b.PersistentKeepalive);
        Assert.Equal(["10.100.0.2/32", "fd00::2/128", "10.244.1.0/24"], b.AllowedIPs.Select(p => p.ToString()));
        Assert.Null(b.LastHandshake);
        var bob = device.Peers.Single(p => p.PublicKey == CanonicalDevice.Bob);
        Assert.Equal(IPEndPoint.Parse("[fd00::3]:51871"), bob.Endpoint);
    }

    [Fact]
    public void WgToolSeesWhatTheLibraryConfigured()
    {
        Processes.Require("wg");
        client.ConfigureDevice("cilium_wg0", WgConfigFile.Parse(TestData.Text("canonical.conf")));

        // wg looks in /var/run/wireguard, which only the device's own mount namespace maps to our directory.
        var dump = NetnsLab.Exec(ns, "sh", "-c", "mkdir -p /var/run/wireguard && mount --bind \"$0\" /var/run/wireguard && wg show cilium_wg0 dump", directory);

        var lines = dump.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("iAKWZzUtIw1asgxJLmxe4wOf6UfqE8D2Kr99HiAzG1Q=\tFgQnPuXxNQ8theIHhwPMWM6BCVbSSlyvD5Mr7bTotDk=\t51871\t0x1e00", lines[0]);
        Assert.Contains("11U/nI2VfaT9fKTvT7/RwuLEceCaQJ6fB39RLjvjD1g=\t(none)\t10.99.0.2:51871\t10.100.0.2/32,fd00::2/128,10.244.1.0/24\t0\t0\t0\t25", lines);
    }

    [Fact]
    public void DeviceErrorsArriveAsPositiveErrnos()
    {
        var error = Assert.Throws<WireGuardException>(() => client.ConfigureDevice("cilium_wg0", new DeviceConfig
        {
            Peers = [new PeerConfig { PublicKey = CanonicalDevice.B, RemoveAllowedIPs = [IPNetwork.Parse("10.0.0.1/32")] }],
        }));

        // wireguard-go 0.0.20220316 predates "allowed_ip=-": errno=-22.
        Assert.Equal(Netlink.Errno.EINVAL, error.Errno);
        Assert.Contains("errno=-22", error.Message);
    }

    [Fact]
    public void MissingSocketIsDeviceNotFound() =>
        Assert.Throws<WireGuardDeviceNotFoundException>(() => client.GetDevice("nosuchwg0"));

    [Fact]
    public void ReconcilerDetectsMissingSingleRemovalAndUsesTheDummyPeer()
    {
        using var own = PrivateKey.Generate();
        var reconciler = new DeviceReconciler(client, "cilium_wg0", NullLogger.Instance);
        var device = new DesiredDevice(own, 51871, 0x1E00, TimeSpan.Zero);
        var peer = new DesiredPeer
        {
            NodeName = "node-2",
            PublicKey = CanonicalDevice.B,
            Endpoint = IPEndPoint.Parse("192.168.100.2:51871"),
            AllowedIPs = [IPNetwork.Parse("10.2.0.5/32"), IPNetwork.Parse("10.2.0.6/32"), IPNetwork.Parse("192.168.100.2/32")],
        };
        reconciler.Reconcile(new WireGuardDesiredState { Peers = [peer] }, device);

        var applied = reconciler.Reconcile(new WireGuardDesiredState { Peers = [peer with { AllowedIPs = [IPNetwork.Parse("10.2.0.5/32"), IPNetwork.Parse("192.168.100.2/32")] }] }, device);

        Assert.False(reconciler.AllowedIpRemovalSupported);
        Assert.Equal(OperationKind.RemoveAllowedIps, Assert.Single(applied).Kind);
        var after = client.GetDevice("cilium_wg0");
        var live = Assert.Single(after.Peers);
        Assert.Equal(["10.2.0.5/32", "192.168.100.2/32"], live.AllowedIPs.Select(p => p.ToString()));
        Assert.Empty(reconciler.Reconcile(new WireGuardDesiredState { Peers = [peer with { AllowedIPs = live.AllowedIPs }] }, device));
    }

    [Fact]
    public void FiveHundredPeersRoundTripInOneRequest()
    {
        var peers = Enumerable.Range(0, 500).Select(i => new PeerConfig
        {
            PublicKey = TestNodes.KeyOf($"peer {i}"),
            Endpoint = new IPEndPoint(IPAddress.Parse($"192.168.{i / 250}.{(i % 250) + 1}"), 51871),
            AllowedIPs = [IPNetwork.Parse($"10.{i / 250}.{i % 250}.0/24")],
        }).ToList();

        client.ConfigureDevice("cilium_wg0", new DeviceConfig { Peers = peers });

        var device = client.GetDevice("cilium_wg0");
        Assert.Equal(500, device.Peers.Length);
        Assert.Equal(peers.Select(p => p.PublicKey).Order(), device.Peers.Select(p => p.PublicKey).Order());
    }
}
