using Encryption.WireGuard.Genetlink;
using Encryption.WireGuard.Model;
using Encryption.WireGuard.Routing;
using Encryption.WireGuard.Uapi;
using Microsoft.Extensions.Logging;
using Netlink;

namespace Encryption.WireGuard.Device;

/// <summary>
/// Finds or creates the device and returns the transport that reaches it. Detection follows wgctrl-go: a UAPI socket
/// for the device means userspace; otherwise the kernel's genetlink family. The choice is logged (wgctrl hides it).
/// </summary>
public static class DeviceProvisioner
{
    public static (IWireGuardClient Client, WireGuardGoProcess? Started) Ensure(
        WireGuardOptions options, NetworkNamespace? networkNamespace, LinkClient links, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(links);
        var name = options.InterfaceName;
        var uapi = new UapiClient(options.UapiSocketDirectory);
        WireGuardGoProcess? started = null;
        IWireGuardClient client;
        switch (options.DeviceMode)
        {
            case WireGuardDeviceMode.Userspace:
                started = EnsureUserspace(options, uapi);
                client = uapi;
                break;
            case WireGuardDeviceMode.Kernel:
                client = OpenKernel(options, networkNamespace, links);
                break;
            default:
                if (Reachable(uapi, name))
                {
                    client = uapi;
                    break;
                }

                try
                {
                    client = OpenKernel(options, networkNamespace, links);
                }
                catch (WireGuardKernelUnavailableException) when (options.StartUserspaceDevice)
                {
                    started = EnsureUserspace(options, uapi);
                    client = uapi;
                }
                catch (WireGuardKernelUnavailableException e)
                {
                    throw new WireGuardDeviceNotFoundException(
                        $"no WireGuard device {name}: no UAPI socket at {uapi.SocketPath(name)}, and {e.Message}", e.Errno, e);
                }

                break;
        }

        Log.TransportChosen(logger, name, client.Kind);
        if (started is not null)
            Log.UserspaceStarted(logger, started.ProcessId, name, started.SocketPath);
        return (client, started);
    }

    private static WireGuardGoProcess? EnsureUserspace(WireGuardOptions options, UapiClient uapi)
    {
        var name = options.InterfaceName;
        if (Reachable(uapi, name))
            return null;
        if (!options.StartUserspaceDevice)
            throw new WireGuardDeviceNotFoundException($"no userspace WireGuard device {name} at {uapi.SocketPath(name)}, and starting one is disabled");
        if (File.Exists(uapi.SocketPath(name)))
            File.Delete(uapi.SocketPath(name)); // a stale socket of a dead process
        return WireGuardGoProcess.Start(name, options.UapiSocketDirectory, options.NetworkNamespace, options.WireGuardGoPath);
    }

    private static bool Reachable(UapiClient uapi, string name)
    {
        if (!uapi.HasDevice(name))
            return false;
        try
        {
            uapi.GetDevice(name);
            return true;
        }
        catch (WireGuardDeviceNotFoundException)
        {
            return false;
        }
    }

    private static GenetlinkClient OpenKernel(WireGuardOptions options, NetworkNamespace? networkNamespace, LinkClient links)
    {
        var client = GenetlinkClient.Open(networkNamespace);
        try
        {
            links.CreateWireGuard(options.InterfaceName, options.DeviceMtu);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }
}
