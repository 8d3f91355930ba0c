using Encryption.Core.Backends;

namespace Encryption.Core.Configuration;

/// <summary>
/// Backend combinations. WireGuard with IPsec (two <c>enable-*</c> switches) is caught while merging; here:
/// ztunnel is not compatible with ClusterMesh (Cilium fails agent start with "ztunnel is not compatible with
/// clustermesh"), and node encryption means nothing to ztunnel.
/// </summary>
public sealed class BackendCombinationRule : IOptionsRule
{
    public void Check(EncryptionOptions options, ValidationContext context)
    {
        if (options.EffectiveType != EncryptionType.Ztunnel)
            return;

        if (options.Cluster.ClusterMeshEnabled)
        {
            var cause = new[] { OptionKeys.ClusterMeshUseApiServer, OptionKeys.ClusterMeshConfigEnabled, OptionKeys.ClusterMeshConfigPath }
                .FirstOrDefault(k => context.IsSet(k) && !OptionValueParsers.SameValue(OptionCatalog.Get(k).Kind, context.Merged.Raw(k), OptionCatalog.Get(k).Default));
            context.Error(OptionKeys.BackendType, $"ztunnel is not compatible with ClusterMesh, which {(cause is null ? "is" : context.Describe(cause))} turns on");
        }

        if (options.NodeEncryption)
            context.Warning(OptionKeys.NodeEncryption, "has no effect with ztunnel, which encrypts pod traffic only");
    }
}
