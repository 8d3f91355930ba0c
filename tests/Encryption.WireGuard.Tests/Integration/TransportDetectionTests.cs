using Encryption.WireGuard.Device;
using Encryption.WireGuard.Genetlink;
using Encryption.WireGuard.Model;
using Encryption.WireGuard.Routing;
using Encryption.WireGuard.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Netlink;

namespace Encryption.WireGuard.Tests.Integration;

/// <summary>Transport detection on the host kernel (which has no WireGuard module here).</summary>
[Trait("Tier", "Host")]
[Collection("host")]
public sealed class TransportDetectionTests : IDisposable
{
    private readonly string ns = "wgd-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string directory = Path.Combine(Path.GetTempPath(), "wgd-" + Guid.NewGuid().ToString("N")[..8]);

    public TransportDetectionTests()
    {
        Processes.RequireRoot();
        Processes.Run("ip", "netns", "add", ns);
    }

    public void Dispose()
    {
        Processes.TryRun(null, null, "ip", "netns", "delete", ns);
        if (Directory.Exists(directory))
            Directory.Delete(directory, recursive: true);
    }

    private static bool KernelHasWireGuard => Directory.Exists("/sys/module/wireguard");

    [Fact]
    public void KernelFamilyLookupOnThisHostResolvesOrFailsClearly()
    {
        using var handle = NetworkNamespace.FromName(ns);
        if (KernelHasWireGuard)
        {
            using var client = GenetlinkClient.Open(handle);
            Assert.NotEqual(0, client.FamilyId);
        }
        else
        {
            var error = Assert.Throws<WireGuardKernelUnavailableException>(() => GenetlinkClient.Open(handle));
            Assert.Contains("CONFIG_WIREGUARD", error.Message);
        }
    }

    [Fact]
    public void UapiSocketPresentMeansUserspace()
    {
        Processes.Require("wireguard-go");
        using var process = WireGuardGoProcess.Start("cilium_wg0", directory, ns);
        using var handle = NetworkNamespace.FromName(ns);
        using var rtnl = NetlinkClient.Open(NetlinkProtocol.Route, handle);
        var options = new WireGuardOptions { UapiSocketDirectory = directory, NetworkNamespace = ns, StartUserspaceDevice = false };

        var (client, started) = DeviceProvisioner.Ensure(options, handle, new LinkClient(rtnl), NullLogger.Instance);

        using (client)
        {
            Assert.Equal(WireGuardTransportKind.Userspace, client.Kind);
            Assert.Null(started);
            Assert.Equal("tun", new LinkClient(rtnl).Find("cilium_wg0")!.Kind);
        }
    }

    [Fact]
    public void NoSocketAndNoKernelModuleNamesBothPlacesLooked()
    {
        using var handle = NetworkNamespace.FromName(ns);
        using var rtnl = NetlinkClient.Open(NetlinkProtocol.Route, handle);
        var options = new WireGuardOptions { UapiSocketDirectory = directory, NetworkNamespace = ns, StartUserspaceDevice = false };
        if (KernelHasWireGuard)
        {
            using var kernel = DeviceProvisioner.Ensure(options, handle, new LinkClient(rtnl), NullLogger.Instance).Client;
            Assert.Equal(WireGuardTransportKind.Kernel, kernel.Kind);
            return;
        }

        var error = Assert.Throws<WireGuardDeviceNotFoundException>(() => DeviceProvisioner.Ensure(options, handle, new LinkClient(rtnl), NullLogger.Instance));

        Assert.Contains($"no UAPI socket at {directory}/cilium_wg0.sock", error.Message);
        Assert.Contains("generic netlink family", error.Message);
    }

    [Fact]
    public void CreatingAKernelLinkWithoutTheModuleSaysSo()
    {
        using var handle = NetworkNamespace.FromName(ns);
        using var rtnl = NetlinkClient.Open(NetlinkProtocol.Route, handle);
        if (KernelHasWireGuard)
        {
            new LinkClient(rtnl).CreateWireGuard("cilium_wg0", 1420);
            Assert.Equal("wireguard", new LinkClient(rtnl).Find("cilium_wg0")!.Kind);
            return;
        }

        var error = Assert.Throws<WireGuardException>(() => new LinkClient(rtnl).CreateWireGuard("cilium_wg0", 1420));

        Assert.Contains("not supported by this kernel", error.Message);
    }
}
