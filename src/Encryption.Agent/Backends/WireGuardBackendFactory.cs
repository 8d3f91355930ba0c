using Encryption.Core.Configuration;
using Encryption.WireGuard;
using Microsoft.Extensions.Logging;
using CoreStrictEgress = Encryption.Core.Configuration.StrictEgressOptions;
using CoreWireGuardOptions = Encryption.Core.Configuration.WireGuardOptions;
using WireGuardOptions = Encryption.WireGuard.WireGuardOptions;
using WireGuardStrictEgress = Encryption.WireGuard.StrictEgressOptions;

namespace Encryption.Agent.Backends;

/// <summary>The WireGuard backend from the Helm <c>encryption.*</c> options.</summary>
internal static class WireGuardBackendFactory
{
    public static WireGuardBackend Create(EncryptionOptions options, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        return new WireGuardBackend(Map(options), loggers.CreateLogger<WireGuardBackend>(), time);
    }

    /// <summary>
    /// One to one, plus: the kernel device when the module is there, else wireguard-go when
    /// <c>encryption.wireguard.userspaceFallback</c> allows it. A key left by Cilium in its tmpfs state directory is
    /// adopted only when the state directory is the default one (a lab node must never adopt the host's key).
    /// </summary>
    public static WireGuardOptions Map(EncryptionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var wireguard = options.WireGuard;
        var isDefaultStateDirectory = wireguard.StateDirectory == new CoreWireGuardOptions().StateDirectory;
        return new WireGuardOptions
        {
            PersistentKeepalive = wireguard.PersistentKeepalive,
            StateDirectory = wireguard.StateDirectory,
            LegacyStateDirectory = isDefaultStateDirectory ? new WireGuardOptions().LegacyStateDirectory : null,
            DeviceMode = WireGuardDeviceMode.Auto,
            StartUserspaceDevice = wireguard.UserspaceFallback,
            UapiSocketDirectory = wireguard.UserspaceSocketDirectory,
            WireGuardGoPath = wireguard.UserspaceBinary,
            NodeEncryption = options.NodeEncryption,
            NodeEncryptionOptOutLabels = options.NodeEncryptionOptOutLabels,
            StrictEgress = Map(options.StrictMode.Egress),
            StrictIngress = options.StrictMode.Ingress.Enabled,
        };
    }

    private static WireGuardStrictEgress Map(CoreStrictEgress egress) => new()
    {
        Enabled = egress.Enabled,
        Cidrs = egress.Cidr is { } cidr ? [cidr] : [],
        AllowRemoteNodeIdentities = egress.AllowRemoteNodeIdentities,
    };
}
