namespace Encryption.Ztunnel.Secrets;

/// <summary>
/// The four keys of the <c>cilium-ztunnel-secrets</c> Secret, mounted as files (Cilium: /etc/ztunnel).
/// </summary>
public static class ZtunnelSecretFiles
{
    public const string DefaultDirectory = "/etc/ztunnel";

    /// <summary>TLS server certificate of the xDS/CA listener, and ztunnel's XDS_ROOT_CA / CA_ROOT_CA.</summary>
    public const string BootstrapCertificate = "bootstrap-root.crt";

    public const string BootstrapKey = "bootstrap-private.key";

    /// <summary>The root that signs workload certificates and is returned last in every chain.</summary>
    public const string CaCertificate = "ca-root.crt";

    public const string CaKey = "ca-private.key";
}
