using System.Security.Cryptography.X509Certificates;

namespace Encryption.Kubernetes.Config;

/// <summary>
/// How to reach and authenticate to one API server: built by <see cref="InClusterConfig"/> or
/// <see cref="KubeconfigLoader"/>. Holds no token text itself, only a <see cref="ITokenSource"/>.
/// </summary>
public sealed record KubernetesClientConfig
{
    /// <summary>e.g. <c>https://10.96.0.1:443</c> or <c>https://[fd00::1]:6443</c>.</summary>
    public required Uri Server { get; init; }

    /// <summary>Roots that may sign the server certificate; null means the system trust store.</summary>
    public X509Certificate2Collection? CertificateAuthorities { get; init; }

    /// <summary>Client certificate with its private key, for mutual TLS.</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    public ITokenSource? Token { get; init; }

    /// <summary>Skip server certificate validation entirely (kubeconfig <c>insecure-skip-tls-verify</c>).</summary>
    public bool InsecureSkipTlsVerify { get; init; }

    /// <summary>Name expected in the server certificate when it differs from the host (kubeconfig <c>tls-server-name</c>).</summary>
    public string? TlsServerName { get; init; }

    /// <summary>The default namespace: the pod's namespace in-cluster, or the context's namespace.</summary>
    public string? Namespace { get; init; }

    /// <summary>Where this configuration came from, for logs: "in-cluster", "kubeconfig /root/.kube/config (context kind)".</summary>
    public string Origin { get; init; } = "";
}
