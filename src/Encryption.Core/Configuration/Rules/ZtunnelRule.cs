using Encryption.Core.Backends;
using static Encryption.Core.Configuration.OptionKeys;

namespace Encryption.Core.Configuration;

/// <summary>ztunnel: ports, grace period, the ZDS socket, the secrets directory and the trust domain.</summary>
public sealed class ZtunnelRule : IOptionsRule
{
    public void Check(EncryptionOptions options, ValidationContext context)
    {
        var ztunnel = options.Ztunnel;
        if (!context.HasFailed(ZtunnelHealthPort) && ztunnel.HealthPort is < 1 or > 65535)
            context.Error(ZtunnelHealthPort, "must be a port number (1-65535)");
        if (!context.HasFailed(ZtunnelTerminationGracePeriodSeconds) && ztunnel.TerminationGracePeriodSeconds < 0)
            context.Error(ZtunnelTerminationGracePeriodSeconds, "must not be negative");

        if (options.EffectiveType != EncryptionType.Ztunnel)
            return;
        PathChecks.RequireSocketPath(context, ZtunnelZdsSocketPath, ztunnel.ZdsSocketPath, "the ZDS socket ztunnel connects to");
        PathChecks.RequireAbsolute(context, ZtunnelSecretsDir, ztunnel.SecretsDirectory, "the ztunnel CA and bootstrap files");
        if (ztunnel.TrustDomain.Length == 0 || ztunnel.TrustDomain.Contains('/', StringComparison.Ordinal))
            context.Error(ZtunnelTrustDomain, "must be a domain name such as cluster.local");
    }
}
