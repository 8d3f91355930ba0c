using System.Collections.Immutable;
using Encryption.Core.Cluster;
using Encryption.Ztunnel.Enrollment;
using Encryption.Ztunnel.Secrets;

namespace Encryption.Ztunnel;

/// <summary>How to run a ztunnel against this agent (the DaemonSet of spec section 1.2, as a process).</summary>
public sealed record ZtunnelLaunch(string FileName, ImmutableArray<string> Arguments, ImmutableSortedDictionary<string, string> Environment)
{
    /// <summary>The first <c>ztunnel</c> on PATH, or null.</summary>
    public static string? FindBinary(string? path = null)
    {
        path ??= System.Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "ztunnel"))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>
    /// <c>ztunnel proxy ztunnel</c> with Cilium's environment: xDS and CA at https://localhost:PORT trusting
    /// the bootstrap certificate, HBONE on, DNS capture off, INPOD_UDS = our ZDS socket, and NODE_NAME per
    /// the node-identity convention (Cilium: the host IP).
    /// </summary>
    public static ZtunnelLaunch For(string binary, ZtunnelOptions options, Node local, string podName = "ztunnel-cilium", string podNamespace = "kube-system")
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(local);
        var port = options.Grpc.Endpoints.Count > 0 ? options.Grpc.Endpoints[0].Port : 15012;
        var address = $"https://localhost:{port}";
        var root = Path.Combine(options.SecretsDirectory, ZtunnelSecretFiles.BootstrapCertificate);
        var hostIp = (local.IPv4 ?? local.IPv6)?.ToString() ?? "";
        var environment = new Dictionary<string, string>
        {
            ["XDS_ADDRESS"] = address,
            ["CA_ADDRESS"] = address,
            ["XDS_ROOT_CA"] = root,
            ["CA_ROOT_CA"] = root,
            ["ISTIO_META_DNS_CAPTURE"] = "false",
            ["ISTIO_META_ENABLE_HBONE"] = "true",
            ["INPOD_UDS"] = options.Zds.SocketPath,
            ["NODE_NAME"] = NodeIdentity.Of(local, options.Enrollment.NodeIdentity),
            ["INSTANCE_IP"] = hostIp,
            ["POD_NAME"] = podName,
            ["POD_NAMESPACE"] = podNamespace,
            ["SERVICE_ACCOUNT"] = "ztunnel",
            ["CLUSTER_DOMAIN"] = options.Ca.TrustDomain,
        };
        return new ZtunnelLaunch(binary, ["proxy", "ztunnel"], environment.ToImmutableSortedDictionary(StringComparer.Ordinal));
    }
}
