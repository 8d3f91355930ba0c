using Encryption.Core.Configuration;
using Encryption.Ztunnel;
using Encryption.Ztunnel.Ca;
using Encryption.Ztunnel.Grpc;
using Encryption.Ztunnel.Zds;
using Microsoft.Extensions.Logging;
using System.Net;
using CoreZtunnelOptions = Encryption.Core.Configuration.ZtunnelOptions;

namespace Encryption.Agent.Backends;

/// <summary>The ztunnel backend from the Helm <c>encryption.ztunnel.*</c> options.</summary>
internal static class ZtunnelBackendFactory
{
    public static ZtunnelBackend Create(EncryptionOptions options, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ZtunnelBackend(Map(options), time, loggers);
    }

    /// <summary><see cref="Map(CoreZtunnelOptions)"/>, with pods' network namespaces looked up under the agent's procfs.</summary>
    public static Encryption.Ztunnel.ZtunnelOptions Map(EncryptionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Map(options.Ztunnel) with { Procfs = options.Agent.Procfs };
    }

    /// <summary>
    /// CA and xDS listen on loopback at the port of <c>encryption.ztunnel.caAddress</c> (ztunnel dials
    /// https://localhost:15012); ZDS at <c>ztunnel-zds-unix-addr</c>; secrets from <c>ztunnel-secrets-dir</c>.
    /// </summary>
    public static Encryption.Ztunnel.ZtunnelOptions Map(CoreZtunnelOptions ztunnel)
    {
        ArgumentNullException.ThrowIfNull(ztunnel);
        return new Encryption.Ztunnel.ZtunnelOptions
        {
            SecretsDirectory = ztunnel.SecretsDirectory,
            Grpc = new GrpcServerOptions { Endpoints = [new IPEndPoint(IPAddress.Loopback, ztunnel.CaAddress.Port)] },
            Zds = new ZdsServerOptions { SocketPath = ztunnel.ZdsSocketPath },
            Ca = new CaOptions { TrustDomain = ztunnel.TrustDomain },
        };
    }
}
