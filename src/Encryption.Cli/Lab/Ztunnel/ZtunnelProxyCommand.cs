using System.Collections.Immutable;

namespace Encryption.Cli.Lab.Ztunnel;

/// <summary>
/// How the lab runs one node's ztunnel: the DaemonSet <c>ztunnel-cilium</c> of spec section 1.2 as a process in the
/// node's network namespace (hostNetwork). Pure: node and paths in, command line and environment out.
/// </summary>
internal sealed record ZtunnelProxyCommand(string Binary, ImmutableArray<string> Arguments, ImmutableSortedDictionary<string, string> Environment)
{
    /// <summary>The agent's xDS and CA listener inside the node (encryption.ztunnel.caAddress default).</summary>
    public const string ControlPlaneAddress = "https://localhost:15012";

    /// <summary>
    /// Set on every lab ztunnel so <c>lab down</c> finds one whose namespace is already gone
    /// (its command line is only <c>ztunnel proxy ztunnel</c>).
    /// </summary>
    public const string LabMarkerVariable = "ENCRYPTION_LAB_DIR";

    /// <summary>
    /// <c>ztunnel proxy ztunnel</c> with the DaemonSet's environment: xDS and CA at https://localhost:15012 trusting
    /// the bootstrap certificate, DNS capture off, HBONE on, INPOD_UDS = the node's ZDS socket, NODE_NAME = the node's
    /// host IP (as Cilium's <c>status.hostIP</c>; the agent's workloads name their node the same way), INSTANCE_IP the
    /// same address, POD_NAME/POD_NAMESPACE/SERVICE_ACCOUNT as the DaemonSet pod's.
    /// </summary>
    public static ZtunnelProxyCommand For(string binary, LabNode node, LabPaths paths)
    {
        ArgumentException.ThrowIfNullOrEmpty(binary);
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(paths);
        var root = Path.Combine(LabZtunnelSecrets.Directory(paths), LabZtunnelSecrets.BootstrapCertificate);
        var hostIp = node.IPv4.ToString();
        var environment = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["XDS_ADDRESS"] = ControlPlaneAddress,
            ["CA_ADDRESS"] = ControlPlaneAddress,
            ["XDS_ROOT_CA"] = root,
            ["CA_ROOT_CA"] = root,
            ["ISTIO_META_DNS_CAPTURE"] = "false",
            ["ISTIO_META_ENABLE_HBONE"] = "true",
            ["INPOD_UDS"] = LabBackendSetup.ZdsSocket(node, paths),
            ["NODE_NAME"] = hostIp,
            ["INSTANCE_IP"] = hostIp,
            ["POD_NAME"] = $"ztunnel-cilium-{node.Name}",
            ["POD_NAMESPACE"] = "kube-system",
            ["SERVICE_ACCOUNT"] = "ztunnel",
            ["CLUSTER_DOMAIN"] = "cluster.local",
            ["RUST_LOG"] = "info",
            [LabMarkerVariable] = paths.Directory,
        };
        return new ZtunnelProxyCommand(binary, ["proxy", "ztunnel"], environment.ToImmutableSortedDictionary(StringComparer.Ordinal));
    }

    /// <summary>The node's ztunnel log, beside its agent's.</summary>
    public static string Log(LabNode node, LabPaths paths)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(paths);
        return Path.Combine(paths.NodeDirectory(node.Name), "ztunnel.log");
    }

    /// <summary>The marker entry of <see cref="LabMarkerVariable"/> as it appears in /proc/PID/environ.</summary>
    public static string Marker(LabPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return $"{LabMarkerVariable}={paths.Directory}";
    }

    /// <summary>Same as: <c>env -i K=V ... BINARY proxy ztunnel</c> (env execs, so the pid is ztunnel's own).</summary>
    public IReadOnlyList<string> CommandLine() =>
        ["env", "-i", .. Environment.Select(kv => $"{kv.Key}={kv.Value}"), Binary, .. Arguments];
}
