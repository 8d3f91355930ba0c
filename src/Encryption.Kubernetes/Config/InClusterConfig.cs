using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Encryption.Kubernetes.Config;

/// <summary>
/// Configuration from inside a pod: <c>KUBERNETES_SERVICE_HOST</c>/<c>_PORT</c> and the mounted
/// service account (<c>token</c>, re-read as it rotates; <c>ca.crt</c>; <c>namespace</c>).
/// Same as client-go's <c>rest.InClusterConfig</c>.
/// </summary>
public static class InClusterConfig
{
    public const string DefaultServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";
    public const string HostVariable = "KUBERNETES_SERVICE_HOST";
    public const string PortVariable = "KUBERNETES_SERVICE_PORT";

    /// <summary>True when the environment says we run in a pod.</summary>
    public static bool IsAvailable(ConfigEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return !string.IsNullOrEmpty(environment.GetVariable(HostVariable)) && !string.IsNullOrEmpty(environment.GetVariable(PortVariable));
    }

    public static KubernetesClientConfig Load(
        ConfigEnvironment environment,
        TimeProvider timeProvider,
        string serviceAccountDirectory = DefaultServiceAccountDirectory)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var host = environment.GetVariable(HostVariable);
        var port = environment.GetVariable(PortVariable);
        if (string.IsNullOrEmpty(host) || string.IsNullOrEmpty(port))
            throw new KubernetesConfigException($"Not running in a pod: {HostVariable} and {PortVariable} must both be set.");

        var tokenPath = Path.Combine(serviceAccountDirectory, "token");
        if (!File.Exists(tokenPath))
            throw new KubernetesConfigException($"No service-account token at {tokenPath} (is automountServiceAccountToken false?).");

        var caPath = Path.Combine(serviceAccountDirectory, "ca.crt");
        var ca = File.Exists(caPath) ? PemCertificates.LoadBundle(File.ReadAllText(caPath), caPath) : null;
        var namespacePath = Path.Combine(serviceAccountDirectory, "namespace");
        var ns = File.Exists(namespacePath) ? File.ReadAllText(namespacePath).Trim() : null;

        return new KubernetesClientConfig
        {
            Server = ServerUri(host, port),
            CertificateAuthorities = ca,
            Token = new FileTokenSource(tokenPath, timeProvider),
            Namespace = string.IsNullOrEmpty(ns) ? null : ns,
            Origin = "in-cluster",
        };
    }

    /// <summary><c>https://host:port</c>, bracketing an IPv6 literal (<c>https://[fd00::1]:443</c>).</summary>
    public static Uri ServerUri(string host, string port)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (!ushort.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var portNumber) || portNumber == 0)
            throw new KubernetesConfigException($"{PortVariable}='{port}' is not a TCP port.");
        var authority = IPAddress.TryParse(host, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6 && !host.StartsWith('[')
            ? $"[{host}]"
            : host;
        return new Uri($"https://{authority}:{portNumber.ToString(CultureInfo.InvariantCulture)}");
    }
}
