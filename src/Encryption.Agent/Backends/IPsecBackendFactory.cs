using Encryption.Core.Configuration;
using Encryption.IPsec;
using Encryption.IPsec.Backend;
using Microsoft.Extensions.Logging;

namespace Encryption.Agent.Backends;

/// <summary>The IPsec backend from the Helm <c>encryption.*</c> options.</summary>
internal static class IPsecBackendFactory
{
    public static IPsecBackend Create(EncryptionOptions options, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        return new IPsecBackend(Map(options), loggers.CreateLogger<IPsecBackend>(), time);
    }

    /// <summary>
    /// One to one. The key ring is kept next to the status socket (runtime state: a reboot changes the boot ID and
    /// so every tunnel key anyway, while an agent restart keeps the keys a rotation still needs).
    /// </summary>
    public static IPsecBackendOptions Map(EncryptionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var ipsec = options.IPsec;
        return new IPsecBackendOptions
        {
            KeyFilePath = ipsec.KeyFilePath,
            WatchKeyFile = ipsec.KeyWatcher,
            RotationDuration = ipsec.KeyRotationDuration,
            Mode = ipsec.PolicyMode,
            NodeEncryption = options.NodeEncryption,
            StrictEgress = options.StrictMode.Egress,
            FullResyncInterval = options.Agent.ResyncInterval / 2,
            StateDirectory = options.Agent.RuntimeDirectory,
        };
    }
}
