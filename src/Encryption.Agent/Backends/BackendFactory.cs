using Encryption.Core.Backends;
using Encryption.Core.Configuration;
using Encryption.IPsec.Backend;
using Encryption.WireGuard.Device;
using Encryption.Ztunnel.Enrollment;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using System.Collections.Frozen;

namespace Encryption.Agent.Backends;

/// <summary>Picks the backend named by the options. Backends whose projects have no implementation yet fail clearly.</summary>
internal static class BackendFactory
{
    /// <summary>Backends this build can run; the lab asks before creating anything.</summary>
    public static readonly FrozenSet<EncryptionType> Built = FrozenSet.Create(EncryptionType.None, EncryptionType.IPsec, EncryptionType.WireGuard, EncryptionType.Ztunnel);

    /// <exception cref="BackendNotBuiltException">The backend has no implementation in this build.</exception>
    public static IEncryptionBackend Create(EncryptionOptions options, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        return options.EffectiveType switch
        {
            EncryptionType.None => new NoneBackend(),
            EncryptionType.IPsec => IPsecBackendFactory.Create(options, services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILoggerFactory>()),
            EncryptionType.WireGuard => WireGuardBackendFactory.Create(options, services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILoggerFactory>()),
            EncryptionType.Ztunnel => ZtunnelBackendFactory.Create(options, services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILoggerFactory>()),
            var other => throw new BackendNotBuiltException($"backend {BackendNames.Name(other)}"),
        };
    }

    /// <summary>
    /// What removes a previous backend's kernel objects (IPsec, WireGuard, ztunnel's in-pod rules), with the marker in the agent's runtime
    /// directory (next to the status socket).
    /// </summary>
    public static PreviousBackendCleanup Leftovers(EncryptionOptions options, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        return new PreviousBackendCleanup(
            Path.Join(options.Agent.RuntimeDirectory, "backend"),
            [new IPsecLeftovers(), new WireGuardLeftovers(WireGuardBackendFactory.Map(options)), new ZtunnelLeftovers(options.Agent.Procfs)],
            services.GetRequiredService<ILogger<PreviousBackendCleanup>>());
    }
}
