namespace Encryption.Core.Cluster;

/// <summary>Names shared with Cilium: annotations, labels, ports.</summary>
public static class WellKnown
{
    /// <summary>CiliumNode annotation carrying the node's WireGuard public key (base64).</summary>
    public const string WireGuardPublicKeyAnnotation = "network.cilium.io/wg-pub-key";

    /// <summary>Namespace label that enrolls a namespace's pods into ztunnel mTLS.</summary>
    public const string ZtunnelEnrollmentLabel = "io.cilium/mtls-enabled";

    /// <summary>Nodes with this label are left out of WireGuard node-to-node encryption by default.</summary>
    public const string ControlPlaneLabel = "node-role.kubernetes.io/control-plane";

    public const int WireGuardPort = 51871;

    public const string WireGuardInterface = "cilium_wg0";
}
