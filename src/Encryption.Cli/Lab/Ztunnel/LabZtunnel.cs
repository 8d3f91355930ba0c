using Encryption.Cli.Status;

namespace Encryption.Cli.Lab.Ztunnel;

/// <summary>
/// What backend <c>ztunnel</c> changes in the lab. With a <c>ztunnel</c> binary on PATH, one proxy runs per node and
/// the agents must become healthy (ztunnel connected on ZDS and xDS). Without one, only the control plane runs: the
/// agents' CA, xDS and ZDS servers, enrollment and in-pod rules. Enrolled pods then fail closed, as in a cluster whose
/// ztunnel DaemonSet is down: the agent installs the rules before handing a pod to ztunnel (Cilium's order), so their
/// TCP is redirected to ports 15001/15006 where nothing listens and is refused; ICMP and UDP are never redirected.
/// </summary>
internal static class LabZtunnel
{
    public const string NotExercised = "encrypted data path: not exercised (no ztunnel proxy on PATH)";

    public const string ControlPlaneOnly =
        "ztunnel proxy not on PATH: only the control plane runs (CA, xDS, ZDS, enrollment, in-pod rules); " + NotExercised + ". " +
        "Enrolled pods fail closed: their TCP is redirected to ztunnel's ports, where nothing listens, and is refused; ICMP and UDP are not redirected.";

    /// <summary>When the agent on a node counts as ready: healthy with a proxy, control plane up without one.</summary>
    public static string? NotReady(AgentStatus status, bool proxies, int expectedRemotes, int localPods)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (proxies)
            return AgentReadiness.Healthy(status, expectedRemotes);
        if (status.RemoteNodes != expectedRemotes)
            return $"sees {status.RemoteNodes} of {expectedRemotes} remote nodes";
        var problems = ZtunnelControlPlaneCheck.Problems(status, LabWorkloads.Namespace, localPods, enrolled: true);
        return problems.Count == 0 ? null : "ztunnel control plane: " + string.Join("; ", problems);
    }

    /// <summary>Starts one ztunnel per node (after the agents, which it connects to; ztunnel retries until they listen).</summary>
    public static async Task<IReadOnlyList<LabProxy>> StartProxiesAsync(LabConsole console, string binary, LabTopology topology, LabPaths paths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(topology);
        var started = new List<LabProxy>();
        foreach (var node in topology.Nodes)
        {
            var proxy = await console.StepAsync(
                $"ztunnel {node.Name} started in {node.Namespace} ({binary}, log {ZtunnelProxyCommand.Log(node, paths)})",
                () => ZtunnelProxyLauncher.StartAsync(binary, node, paths, cancellationToken)).ConfigureAwait(false);
            started.Add(proxy);
        }

        return started;
    }
}
