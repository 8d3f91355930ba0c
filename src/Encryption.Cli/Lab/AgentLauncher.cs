using Encryption.Cli.Lab.Exec;
using System.Globalization;

namespace Encryption.Cli.Lab;

/// <summary>
/// Starts one agent per node inside the node's namespace, detached from this CLI (its own session, output to the
/// node's log file), and returns its pid. The pid is the agent's own: <c>setsid</c> and <c>ip netns exec</c> both exec.
/// </summary>
internal static class AgentLauncher
{
    // $1 log, $2 namespace, then the command. A background job of a non-interactive shell is no process-group
    // leader, so setsid does not fork; ip netns exec execs too: $! is the agent's pid.
    private const string Script = "log=$1; ns=$2; shift 2; setsid ip netns exec \"$ns\" \"$@\" </dev/null >>\"$log\" 2>&1 & echo $!";

    public static async Task<LabAgent> StartAsync(AgentCommand agent, LabNode node, LabPaths paths, string backend, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(paths);
        Directory.CreateDirectory(paths.NodeDirectory(node.Name));
        Directory.CreateDirectory(paths.Store);
        LabBackendSetup.PrepareNode(backend, node, paths);
        var bootId = Guid.NewGuid().ToString();
        var socket = paths.AgentSocket(node.Name);
        var log = paths.AgentLog(node.Name);
        string[] arguments =
        [
            .. agent.Prefix,
            "--node-name", node.Name,
            "--node-id", node.Index.ToString(CultureInfo.InvariantCulture),
            "--ipv4", node.IPv4.ToString(),
            "--ipv6", node.IPv6.ToString(),
            "--pod-cidrs", node.PodCidr.ToString(),
            "--pod-ips", string.Join(',', node.Pods.Select(p => p.IPv4)),
            "--boot-id", bootId,
            "--backend", backend,
            "--cluster-source", "file",
            "--store-dir", paths.Store,
            "--status-socket", socket,
            "--prometheus-serve-addr", "127.0.0.1:9962",
            .. LabBackendSetup.AgentArguments(backend, node, paths),
        ];
        var result = await ProcessRunner.RunAsync("/bin/sh", ["-c", Script, "sh", log, node.Namespace, .. arguments], cancellationToken).ConfigureAwait(false);
        result.EnsureSuccess();
        var pid = int.Parse(result.StandardOutput.Trim(), CultureInfo.InvariantCulture);
        return new LabAgent(node.Name, pid, socket, log, bootId);
    }

    /// <summary>The last lines of an agent's log, for error messages.</summary>
    public static string LogTail(string log, int lines = 15)
    {
        try
        {
            return string.Join('\n', File.ReadAllLines(log).TakeLast(lines));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }
}
