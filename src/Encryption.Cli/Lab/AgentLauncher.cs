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

    public static async Task<LabAgent> StartAsync(AgentCommand agent, LabNode node, LabPaths paths, string backend, IReadOnlyList<string> extraArguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(paths);
        Directory.CreateDirectory(paths.NodeDirectory(node.Name));
        Directory.CreateDirectory(paths.Store);
        LabBackendSetup.PrepareNode(backend, node, paths);
        var bootId = Guid.NewGuid().ToString();
        var socket = paths.AgentSocket(node.Name);
        var log = paths.AgentLog(node.Name);
        var arguments = CommandLine(agent, node, paths, backend, bootId, extraArguments);
        var pid = await LaunchAsync(arguments, node.Namespace, log, cancellationToken).ConfigureAwait(false);
        return new LabAgent(node.Name, pid, socket, log, bootId);
    }

    /// <summary>
    /// Starts <paramref name="commandLine"/> detached inside <paramref name="ns"/>, its output appended to
    /// <paramref name="log"/>, and returns its pid (also how an agent is restarted with the command line it had).
    /// </summary>
    public static async Task<int> LaunchAsync(IReadOnlyList<string> commandLine, string ns, string log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        var result = await ProcessRunner.RunAsync("/bin/sh", ["-c", Script, "sh", log, ns, .. commandLine], cancellationToken).ConfigureAwait(false);
        result.EnsureSuccess();
        return int.Parse(result.StandardOutput.Trim(), CultureInfo.InvariantCulture);
    }

    /// <summary>The agent's command line on <paramref name="node"/>: the lab's flags, the backend's, then <paramref name="extraArguments"/>.</summary>
    public static IReadOnlyList<string> CommandLine(AgentCommand agent, LabNode node, LabPaths paths, string backend, string bootId, IReadOnlyList<string> extraArguments)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(extraArguments);
        return
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
            "--status-socket", paths.AgentSocket(node.Name),
            "--prometheus-serve-addr", "127.0.0.1:9962",
            .. LabBackendSetup.AgentArguments(backend, node, paths),
            .. extraArguments,
        ];
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
