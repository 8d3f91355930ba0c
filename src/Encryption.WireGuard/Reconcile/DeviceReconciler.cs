using Encryption.WireGuard.Desired;
using Encryption.WireGuard.Keys;
using Encryption.WireGuard.Model;
using Microsoft.Extensions.Logging;
using System.Net;

namespace Encryption.WireGuard.Reconcile;

/// <summary>
/// Reads the device, plans with <see cref="PeerPlanner"/>, applies the operations in order. Whether the device can remove
/// single prefixes is probed once, the first time a plan needs it, with a throwaway peer (an unsupported flag is EINVAL on
/// older kernels and wireguard-go).
/// </summary>
public sealed class DeviceReconciler(IWireGuardClient client, string deviceName, ILogger logger)
{
    /// <summary>TEST-NET-3 broadcast address: never a real route, so the probe cannot take a prefix from a live peer.</summary>
    private static readonly IPNetwork ProbePrefix = IPNetwork.Parse("203.0.113.255/32");

    /// <summary>Null until probed.</summary>
    public bool? AllowedIpRemovalSupported { get; private set; }

    public IWireGuardClient Client => client;

    /// <summary>Applies what differs and returns the operations that were applied (empty when the device was in sync).</summary>
    public IReadOnlyList<DeviceOperation> Reconcile(WireGuardDesiredState desired, DesiredDevice device)
    {
        var observed = client.GetDevice(deviceName);
        var plan = PeerPlanner.Plan(observed, desired, device, AllowedIpRemovalSupported ?? true);
        if (AllowedIpRemovalSupported is null && plan.Any(op => op.Kind == OperationKind.RemoveAllowedIps))
        {
            AllowedIpRemovalSupported = ProbeAllowedIpRemoval();
            if (AllowedIpRemovalSupported == false)
                plan = PeerPlanner.Plan(observed, desired, device, canRemoveAllowedIps: false);
        }

        foreach (var operation in plan)
        {
            client.ConfigureDevice(deviceName, operation.Config);
            Log.OperationApplied(logger, deviceName, operation.Description);
        }

        return plan;
    }

    /// <summary>Sets only the device's key, port and fwmark; peers already on the device stay (Cilium's Start).</summary>
    public DeviceConfig ConfigureDeviceOnly(DesiredDevice device)
    {
        var observed = client.GetDevice(deviceName);
        var settings = PeerPlanner.Plan(observed with { Peers = [] }, new WireGuardDesiredState(), device, canRemoveAllowedIps: true)
            .FirstOrDefault(op => op.Kind == OperationKind.ConfigureDevice)?.Config ?? new DeviceConfig();
        if (!settings.IsEmpty)
            client.ConfigureDevice(deviceName, settings);
        return settings;
    }

    private bool ProbeAllowedIpRemoval()
    {
        using var throwaway = PrivateKey.Generate();
        var key = throwaway.PublicKey;
        bool supported;
        try
        {
            client.ConfigureDevice(deviceName, new DeviceConfig
            {
                Peers = [new PeerConfig { PublicKey = key, AllowedIPs = [ProbePrefix], RemoveAllowedIPs = [ProbePrefix] }],
            });
            supported = true;
        }
        catch (WireGuardException e) when (e.Errno == Netlink.Errno.EINVAL)
        {
            supported = false;
        }
        finally
        {
            client.ConfigureDevice(deviceName, new DeviceConfig { Peers = [new PeerConfig { PublicKey = key, Remove = true }] });
        }

        Log.RemovalProbed(logger, deviceName, supported ? "can" : "cannot", supported ? "one by one (REMOVE_ME)" : "through the all-zero dummy peer");
        return supported;
    }
}
