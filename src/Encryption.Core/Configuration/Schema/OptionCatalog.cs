using System.Collections.Frozen;
using System.Collections.Immutable;
using static Encryption.Core.Configuration.OptionKeys;

namespace Encryption.Core.Configuration;

/// <summary>
/// Every option the product reads: Cilium's Helm <c>encryption.*</c> tree (1.19 chart, operations.md §1.1), the
/// flat <c>cilium-config</c> keys it renders (§1.2, §1.3), the deprecated aliases, and the product's own options.
/// </summary>
public static class OptionCatalog
{
    private const string DeprecatedStrict = "deprecated in Cilium 1.19 and removed in 1.20";
    private const string RemovedTopLevel = "deprecated in Cilium 1.10 and removed from its chart in 1.16";

    public static readonly ImmutableArray<OptionDefinition> All =
    [
        // encryption.*
        new(Enabled, OptionKind.Boolean, "false", "Master switch for transparent encryption."),
        new(BackendType, OptionKind.Enum, "ipsec", "The backend: ipsec, wireguard or ztunnel.") { AllowedValues = ["ipsec", "wireguard", "ztunnel"] },
        new(NodeEncryption, OptionKind.Boolean, "false", "Also encrypt node-to-node traffic.") { FlatKey = "encrypt-node" },
        new(NodeEncryptionOptOutLabels, OptionKind.String, "node-role.kubernetes.io/control-plane",
            "Label selector of nodes left out of node encryption (Cilium has only the agent option; added here so a values file can set it).")
        { FlatKey = "node-encryption-opt-out-labels", IsExtension = true },

        // encryption.strictMode.*
        new(StrictEgressEnabled, OptionKind.Boolean, "false", "Drop plaintext pod-to-pod traffic leaving the node.") { FlatKey = "enable-encryption-strict-mode-egress" },
        new(StrictEgressCidr, OptionKind.Cidr, "", "The IPv4 CIDR (normally the pod CIDR) in which strict egress is enforced.") { FlatKey = "encryption-strict-egress-cidr" },
        new(StrictEgressAllowRemoteNodeIdentities, OptionKind.Boolean, "false", "Allow plaintext to and from remote node IPs inside the CIDR.")
        { FlatKey = "encryption-strict-egress-allow-remote-node-identities" },
        new(StrictIngressEnabled, OptionKind.Boolean, "false", "Drop unencrypted traffic from other nodes' pods (WireGuard only).") { FlatKey = "enable-encryption-strict-mode-ingress" },

        // encryption.ipsec.*  (keyFile + mountPath are rendered together as ipsec-key-file, see FlatKeys)
        new(IPsecKeyFile, OptionKind.String, "keys", "Key file name inside the mount (the data key of the Secret)."),
        new(IPsecMountPath, OptionKind.Path, "/etc/ipsec", "Where the key Secret is mounted."),
        new(IPsecSecretName, OptionKind.String, "cilium-ipsec-keys", "Name of the Secret holding the keys (same namespace as the agent)."),
        new(IPsecInterface, OptionKind.String, "", "Interface for encrypted traffic.")
        { FlatKey = "encrypt-interface", NoEffect = "has no effect: there is no eBPF datapath to attach (removed in Cilium 1.20)" },
        new(IPsecKeyWatcher, OptionKind.Boolean, "true", "Watch the key file; when off, a rotation needs an agent restart.") { FlatKey = "enable-ipsec-key-watcher" },
        new(IPsecKeyRotationDuration, OptionKind.Duration, "5m", "How long a rotation may take; the previous key is removed after it.")
        { FlatKey = "ipsec-key-rotation-duration" },
        new(IPsecEncryptedOverlay, OptionKind.Boolean, "false", "Encrypt overlay traffic.")
        { FlatKey = "enable-ipsec-encrypted-overlay", NoEffect = "has no effect: IPsec always applies after overlay encapsulation (no-op since Cilium 1.18, removed in 1.20)" },
        new(IPsecPolicy, OptionKind.Enum, "selector",
            "XFRM policy mode: selector (policies select by destination, no datapath needed) or mark (Cilium's mark layout, for hosts where a datapath sets marks).")
        { FlatKey = "ipsec-policy-mode", IsExtension = true, AllowedValues = ["selector", "mark"] },

        // encryption.wireguard.*
        new(WireGuardPersistentKeepalive, OptionKind.Duration, "0s", "WireGuard persistent keepalive; 0s disables it.") { FlatKey = "wireguard-persistent-keepalive" },
        new(WireGuardUserspaceFallback, OptionKind.Boolean, "false", "Fall back to a userspace WireGuard (wireguard-go, UAPI socket) when the kernel module is missing.")
        { FlatKey = "enable-wireguard-userspace-fallback" },
        new(WireGuardStateDir, OptionKind.Path, "/var/lib/encryption-agent/wireguard",
            "Where the private key (cilium_wg0.key) is kept: persistent, so a reboot keeps the key (Cilium's is on tmpfs). Each lab node has its own.")
        { FlatKey = "wireguard-state-dir", IsExtension = true },
        new(WireGuardUserspaceSocketDir, OptionKind.Path, "/var/run/wireguard",
            "Directory of the userspace UAPI socket (cilium_wg0.sock). Lab nodes share the host file system, so each needs its own.")
        { FlatKey = "wireguard-userspace-socket-dir", IsExtension = true },
        new(WireGuardUserspaceBinary, OptionKind.String, "wireguard-go", "The userspace implementation started by the fallback (looked up on PATH).")
        { FlatKey = "wireguard-userspace-binary", IsExtension = true },

        // encryption.ztunnel.*  (pod-spec knobs of the ztunnel DaemonSet are accepted as opaque, see OpaqueKeys)
        new(ZtunnelImageRepository, OptionKind.String, "docker.io/istio/ztunnel", "ztunnel image repository."),
        new(ZtunnelImageTag, OptionKind.String, "1.28.0-distroless", "ztunnel image tag."),
        new(ZtunnelImagePullPolicy, OptionKind.Enum, "IfNotPresent", "ztunnel image pull policy.") { AllowedValues = ["IfNotPresent", "Always", "Never"] },
        new(ZtunnelImageDigest, OptionKind.String, "", "ztunnel image digest."),
        new(ZtunnelImageUseDigest, OptionKind.Boolean, "false", "Pull the ztunnel image by digest."),
        new(ZtunnelImageOverride, OptionKind.String, "", "Full ztunnel image reference, overriding repository/tag/digest."),
        new(ZtunnelCaAddress, OptionKind.Url, "https://localhost:15012", "CA (and xDS) address ztunnel connects to: the agent's built-in server."),
        new(ZtunnelHealthPort, OptionKind.Integer, "15021", "ztunnel health API port."),
        new(ZtunnelTerminationGracePeriodSeconds, OptionKind.Integer, "30", "ztunnel pod termination grace period."),
        new(ZtunnelPriorityClassName, OptionKind.String, "", "ztunnel pod priority class."),
        new(ZtunnelBootstrapRootCert, OptionKind.String, "", "Base64 bootstrap root certificate; when unset the Secret must exist beforehand."),
        new(ZtunnelZdsSocketPath, OptionKind.Path, "/var/run/cilium/ztunnel.sock", "The ZDS unix socket the agent serves (Cilium's older flag name).")
        { FlatKey = "ztunnel-zds-unix-addr", IsExtension = true },
        new(ZtunnelSecretsDir, OptionKind.Path, "/etc/ztunnel",
            "Where the cilium-ztunnel-secrets files (bootstrap and CA key pairs) are mounted; a path per lab node.")
        { FlatKey = "ztunnel-secrets-dir", IsExtension = true },
        new(ZtunnelTrustDomain, OptionKind.String, "cluster.local", "SPIFFE trust domain of issued certificates.") { FlatKey = "ztunnel-trust-domain", IsExtension = true },

        // cluster / clustermesh (needed for the ztunnel + ClusterMesh rule)
        new(ClusterName, OptionKind.String, "default", "Cluster name.") { FlatKey = "cluster-name" },
        new(ClusterId, OptionKind.Integer, "0", "Cluster ID (0-255); unlike Cilium, a non-zero ID alone does not mean ClusterMesh.") { FlatKey = "cluster-id" },
        new(ClusterMeshUseApiServer, OptionKind.Boolean, "false", "ClusterMesh API server deployed: ClusterMesh is on."),
        new(ClusterMeshConfigEnabled, OptionKind.Boolean, "false", "ClusterMesh configuration rendered: ClusterMesh is on."),
        new(ClusterMeshConfigPath, OptionKind.Path, "", "Directory of remote-cluster configurations; set means ClusterMesh is on.")
        { FlatKey = "clustermesh-config", IsExtension = true },

        // agent.*  (the product's own options)
        new(NodeName, OptionKind.String, "", "This node's name (a DNS-1123 subdomain); defaults to the host name.") { FlatKey = "node-name", IsExtension = true },
        new(NodeIPv4, OptionKind.IPAddress, "", "This node's underlay IPv4 address (file store; Kubernetes gives it on the node object).")
        { FlatKey = "ipv4", IsExtension = true },
        new(NodeIPv6, OptionKind.IPAddress, "", "This node's underlay IPv6 address.") { FlatKey = "ipv6", IsExtension = true },
        new(PodCidrs, OptionKind.CidrList, "", "This node's pod CIDRs.") { FlatKey = "pod-cidrs", IsExtension = true },
        new(PodIps, OptionKind.IPAddressList, "", "IPs of the pods on this node.") { FlatKey = "pod-ips", IsExtension = true },
        new(BootId, OptionKind.String, "", "An explicit boot ID (a UUID); the lab gives each node its own. Empty reads the boot ID file.")
        { FlatKey = "boot-id", IsExtension = true },
        new(NodeId, OptionKind.Integer, "0",
            "Cluster-wide node ID (1..65535) published with the node; IPsec selector mode puts it in the SPI. 0 leaves it unassigned.")
        { FlatKey = "node-id", IsExtension = true },
        new(ClusterSource, OptionKind.Enum, "file", "Where nodes come from: file (a shared directory, the lab) or kubernetes (CiliumNode objects).")
        { FlatKey = "cluster-source", IsExtension = true, AllowedValues = ["file", "kubernetes"] },
        new(FileStoreDir, OptionKind.Path, "/var/lib/encryption/nodes", "The file store directory (cluster-source=file).") { FlatKey = "store-dir", IsExtension = true },
        new(StatusSocket, OptionKind.Path, "/var/run/encryption/agent.sock", "Unix socket of the local status API.") { FlatKey = "status-socket", IsExtension = true },
        new(BootIdFile, OptionKind.Path, "/proc/sys/kernel/random/boot_id",
            "Boot ID source (Cilium's hidden boot-id-file); lab nodes share a kernel, so each can be given its own.")
        { FlatKey = "boot-id-file" },
        new(Procfs, OptionKind.Path, "/proc",
            "The host's proc file system (Cilium's procfs); the ztunnel backend finds Kubernetes pods' network namespaces under it.")
        { FlatKey = "procfs" },
        new(ResyncInterval, OptionKind.Duration, "30s", "Period of the full resync that repairs drift.") { FlatKey = "resync-interval", IsExtension = true },
        new(MetricsAddress, OptionKind.String, "", "IP:PORT or :PORT of the Prometheus and /healthz endpoint; empty disables it.") { FlatKey = "prometheus-serve-addr" },
        new(Kubeconfig, OptionKind.Path, "", "kubeconfig for cluster-source=kubernetes; empty means in-cluster.") { FlatKey = "k8s-kubeconfig-path" },
    ];

    /// <summary>Other spellings of canonical keys (values-file paths, flat keys and environment variables).</summary>
    public static readonly ImmutableArray<OptionAlias> Aliases =
    [
        new("encryption.strictMode.enabled", StrictEgressEnabled, AliasKind.Deprecated, DeprecatedStrict),
        new("encryption.strictMode.cidr", StrictEgressCidr, AliasKind.Deprecated, DeprecatedStrict),
        new("encryption.strictMode.allowRemoteNodeIdentities", StrictEgressAllowRemoteNodeIdentities, AliasKind.Deprecated, DeprecatedStrict),
        new("enable-encryption-strict-mode", StrictEgressEnabled, AliasKind.Deprecated, DeprecatedStrict),
        new("encryption-strict-mode-cidr", StrictEgressCidr, AliasKind.Deprecated, DeprecatedStrict),
        new("encryption-strict-mode-allow-remote-node-identities", StrictEgressAllowRemoteNodeIdentities, AliasKind.Deprecated, DeprecatedStrict),
        new("encryption.keyFile", IPsecKeyFile, AliasKind.Deprecated, RemovedTopLevel),
        new("encryption.mountPath", IPsecMountPath, AliasKind.Deprecated, RemovedTopLevel),
        new("encryption.secretName", IPsecSecretName, AliasKind.Deprecated, RemovedTopLevel),
        new("encryption.interface", IPsecInterface, AliasKind.Deprecated, RemovedTopLevel),
        new("K8S_NODE_NAME", NodeName, AliasKind.Alternative, "set by the Kubernetes downward API"),
    ];

    /// <summary>
    /// Values-file subtrees that shape the ztunnel DaemonSet the chart renders and mean nothing to the agent: accepted
    /// with any content, not bound.
    /// </summary>
    public static readonly FrozenSet<string> OpaqueKeys = new[]
    {
        "encryption.ztunnel.resources", "encryption.ztunnel.updateStrategy", "encryption.ztunnel.readinessProbe",
        "encryption.ztunnel.nodeSelector", "encryption.ztunnel.tolerations", "encryption.ztunnel.affinity",
        "encryption.ztunnel.annotations", "encryption.ztunnel.podAnnotations", "encryption.ztunnel.podLabels",
        "encryption.ztunnel.extraEnv", "encryption.ztunnel.extraVolumes", "encryption.ztunnel.extraVolumeMounts",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Top-level values-file sections where an unknown key is an error (others may hold any Cilium value).</summary>
    public static readonly FrozenSet<string> StrictSections = new[] { "encryption", "agent" }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, OptionDefinition> ByKey = All.ToFrozenDictionary(d => d.Key, StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, OptionAlias> AliasBySpelling = Aliases.ToFrozenDictionary(a => a.Spelling, StringComparer.Ordinal);

    public static OptionDefinition Get(string key) =>
        ByKey.TryGetValue(key, out var definition) ? definition : throw new KeyNotFoundException($"unknown option key '{key}'");

    public static bool TryGet(string key, out OptionDefinition definition) => ByKey.TryGetValue(key, out definition!);

    public static bool TryGetAlias(string spelling, out OptionAlias alias) => AliasBySpelling.TryGetValue(spelling, out alias!);
}
