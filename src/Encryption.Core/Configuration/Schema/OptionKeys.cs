namespace Encryption.Core.Configuration;

/// <summary>Canonical option keys (Helm paths). Product extensions live under <c>agent.*</c> or are marked in the catalog.</summary>
public static class OptionKeys
{
    public const string Enabled = "encryption.enabled";
    public const string BackendType = "encryption.type";
    public const string NodeEncryption = "encryption.nodeEncryption";
    public const string NodeEncryptionOptOutLabels = "encryption.nodeEncryptionOptOutLabels";

    public const string StrictEgressEnabled = "encryption.strictMode.egress.enabled";
    public const string StrictEgressCidr = "encryption.strictMode.egress.cidr";
    public const string StrictEgressAllowRemoteNodeIdentities = "encryption.strictMode.egress.allowRemoteNodeIdentities";
    public const string StrictIngressEnabled = "encryption.strictMode.ingress.enabled";

    public const string IPsecKeyFile = "encryption.ipsec.keyFile";
    public const string IPsecMountPath = "encryption.ipsec.mountPath";
    public const string IPsecSecretName = "encryption.ipsec.secretName";
    public const string IPsecInterface = "encryption.ipsec.interface";
    public const string IPsecKeyWatcher = "encryption.ipsec.keyWatcher";
    public const string IPsecKeyRotationDuration = "encryption.ipsec.keyRotationDuration";
    public const string IPsecEncryptedOverlay = "encryption.ipsec.encryptedOverlay";
    public const string IPsecPolicy = "encryption.ipsec.policyMode";

    public const string WireGuardPersistentKeepalive = "encryption.wireguard.persistentKeepalive";
    public const string WireGuardUserspaceFallback = "encryption.wireguard.userspaceFallback";
    public const string WireGuardStateDir = "encryption.wireguard.stateDir";
    public const string WireGuardUserspaceSocketDir = "encryption.wireguard.userspaceSocketDir";
    public const string WireGuardUserspaceBinary = "encryption.wireguard.userspaceBinary";

    public const string ZtunnelImageRepository = "encryption.ztunnel.image.repository";
    public const string ZtunnelImageTag = "encryption.ztunnel.image.tag";
    public const string ZtunnelImagePullPolicy = "encryption.ztunnel.image.pullPolicy";
    public const string ZtunnelImageDigest = "encryption.ztunnel.image.digest";
    public const string ZtunnelImageUseDigest = "encryption.ztunnel.image.useDigest";
    public const string ZtunnelImageOverride = "encryption.ztunnel.image.override";
    public const string ZtunnelCaAddress = "encryption.ztunnel.caAddress";
    public const string ZtunnelHealthPort = "encryption.ztunnel.healthPort";
    public const string ZtunnelTerminationGracePeriodSeconds = "encryption.ztunnel.terminationGracePeriodSeconds";
    public const string ZtunnelPriorityClassName = "encryption.ztunnel.priorityClassName";
    public const string ZtunnelBootstrapRootCert = "encryption.ztunnel.secrets.bootstrapRootCert";
    public const string ZtunnelZdsSocketPath = "encryption.ztunnel.zdsSocketPath";
    public const string ZtunnelSecretsDir = "encryption.ztunnel.secretsDir";
    public const string ZtunnelTrustDomain = "encryption.ztunnel.trustDomain";

    public const string ClusterName = "cluster.name";
    public const string ClusterId = "cluster.id";
    public const string ClusterMeshUseApiServer = "clustermesh.useAPIServer";
    public const string ClusterMeshConfigEnabled = "clustermesh.config.enabled";
    public const string ClusterMeshConfigPath = "clustermesh.configPath";

    public const string NodeName = "agent.nodeName";
    public const string NodeIPv4 = "agent.ipv4";
    public const string NodeIPv6 = "agent.ipv6";
    public const string PodCidrs = "agent.podCidrs";
    public const string PodIps = "agent.podIps";
    public const string BootId = "agent.bootId";
    public const string NodeId = "agent.nodeId";
    public const string ClusterSource = "agent.clusterSource";
    public const string FileStoreDir = "agent.fileStoreDir";
    public const string StatusSocket = "agent.statusSocket";
    public const string BootIdFile = "agent.bootIdFile";
    public const string Procfs = "agent.procfs";
    public const string ResyncInterval = "agent.resyncInterval";
    public const string MetricsAddress = "agent.metricsAddress";
    public const string Kubeconfig = "agent.kubeconfig";
}
