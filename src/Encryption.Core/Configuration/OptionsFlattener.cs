using System.Collections.Immutable;
using System.Globalization;
using static Encryption.Core.Configuration.OptionKeys;

namespace Encryption.Core.Configuration;

/// <summary>
/// Writes options back as canonical key → value text, in the catalog's spelling (<c>5m0s</c> for durations,
/// lower-case enums). Empty values are left out, so that setting one shows as Added and clearing it as Removed.
/// </summary>
public static class OptionsFlattener
{
    public static ImmutableSortedDictionary<string, string> Flatten(EncryptionOptions o)
    {
        var values = new Dictionary<string, string>
        {
            [Enabled] = Bool(o.Enabled),
            [OptionKeys.BackendType] = OptionsMerger.TypeValue(o.Type),
            [NodeEncryption] = Bool(o.NodeEncryption),
            [NodeEncryptionOptOutLabels] = o.NodeEncryptionOptOutLabels,
            [StrictEgressEnabled] = Bool(o.StrictMode.Egress.Enabled),
            [StrictEgressCidr] = o.StrictMode.Egress.Cidr?.ToString() ?? "",
            [StrictEgressAllowRemoteNodeIdentities] = Bool(o.StrictMode.Egress.AllowRemoteNodeIdentities),
            [StrictIngressEnabled] = Bool(o.StrictMode.Ingress.Enabled),
            [IPsecKeyFile] = o.IPsec.KeyFile,
            [IPsecMountPath] = o.IPsec.MountPath,
            [IPsecSecretName] = o.IPsec.SecretName,
            [IPsecInterface] = o.IPsec.Interface,
            [IPsecKeyWatcher] = Bool(o.IPsec.KeyWatcher),
            [IPsecKeyRotationDuration] = GoDuration.Format(o.IPsec.KeyRotationDuration),
            [IPsecEncryptedOverlay] = Bool(o.IPsec.EncryptedOverlay),
            [IPsecPolicy] = o.IPsec.PolicyMode == IPsecPolicyMode.Mark ? "mark" : "selector",
            [WireGuardPersistentKeepalive] = GoDuration.Format(o.WireGuard.PersistentKeepalive),
            [WireGuardUserspaceFallback] = Bool(o.WireGuard.UserspaceFallback),
            [WireGuardStateDir] = o.WireGuard.StateDirectory,
            [WireGuardUserspaceSocketDir] = o.WireGuard.UserspaceSocketDirectory,
            [WireGuardUserspaceBinary] = o.WireGuard.UserspaceBinary,
            [ZtunnelImageRepository] = o.Ztunnel.Image.Repository,
            [ZtunnelImageTag] = o.Ztunnel.Image.Tag,
            [ZtunnelImagePullPolicy] = o.Ztunnel.Image.PullPolicy,
            [ZtunnelImageDigest] = o.Ztunnel.Image.Digest,
            [ZtunnelImageUseDigest] = Bool(o.Ztunnel.Image.UseDigest),
            [ZtunnelImageOverride] = o.Ztunnel.Image.Override,
            [ZtunnelCaAddress] = o.Ztunnel.CaAddress.OriginalString,
            [ZtunnelHealthPort] = Int(o.Ztunnel.HealthPort),
            [ZtunnelTerminationGracePeriodSeconds] = Int(o.Ztunnel.TerminationGracePeriodSeconds),
            [ZtunnelPriorityClassName] = o.Ztunnel.PriorityClassName,
            [ZtunnelBootstrapRootCert] = o.Ztunnel.BootstrapRootCert,
            [ZtunnelZdsSocketPath] = o.Ztunnel.ZdsSocketPath,
            [ZtunnelSecretsDir] = o.Ztunnel.SecretsDirectory,
            [ZtunnelTrustDomain] = o.Ztunnel.TrustDomain,
            [ClusterName] = o.Cluster.Name,
            [ClusterId] = Int(o.Cluster.Id),
            [ClusterMeshUseApiServer] = Bool(o.Cluster.ClusterMeshUseApiServer),
            [ClusterMeshConfigEnabled] = Bool(o.Cluster.ClusterMeshConfigEnabled),
            [ClusterMeshConfigPath] = o.Cluster.ClusterMeshConfigPath,
            [NodeName] = o.Agent.NodeName,
            [NodeIPv4] = o.Agent.IPv4?.ToString() ?? "",
            [NodeIPv6] = o.Agent.IPv6?.ToString() ?? "",
            [PodCidrs] = string.Join(',', o.Agent.PodCidrs),
            [PodIps] = string.Join(',', o.Agent.PodIps),
            [BootId] = o.Agent.BootId,
            [NodeId] = o.Agent.NodeId.ToString(CultureInfo.InvariantCulture),
            [ClusterSource] = o.Agent.ClusterSource == ClusterSourceKind.Kubernetes ? "kubernetes" : "file",
            [FileStoreDir] = o.Agent.FileStoreDirectory,
            [StatusSocket] = o.Agent.StatusSocketPath,
            [BootIdFile] = o.Agent.BootIdFile,
            [Procfs] = o.Agent.Procfs,
            [ResyncInterval] = GoDuration.Format(o.Agent.ResyncInterval),
            [MetricsAddress] = o.Agent.MetricsAddress,
            [Kubeconfig] = o.Agent.Kubeconfig,
        };
        return values.Where(v => v.Value.Length > 0).ToImmutableSortedDictionary(StringComparer.Ordinal);
    }

    private static string Bool(bool value) => value ? "true" : "false";

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
