using Encryption.Cli.Status;
using System.Net.Sockets;

namespace Encryption.Cli.Lab.Ztunnel;

/// <summary>
/// <c>lab verify</c>'s control-plane checks for backend ztunnel: every agent's status (through its socket) shows its
/// ztunnel parts up and the lab's pods enrolled or not as the store says, each ZDS socket exists, and every pod's
/// namespace holds the in-pod redirection exactly when enrolled. Prints one line per check; returns the failures.
/// </summary>
internal static class ZtunnelControlPlaneProbe
{
    public static async Task<IReadOnlyList<string>> CheckAsync(LabConsole console, LabState state, bool enrolled, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(state);
        var failures = new List<string>();
        foreach (var node in state.Topology.Nodes)
        {
            var agent = state.Agents.FirstOrDefault(a => a.Node == node.Name);
            var problems = agent is null ? ["no agent"] : await AgentProblemsAsync(agent, enrolled, state.PodsPerNode, cancellationToken).ConfigureAwait(false);
            Report(console, $"{node.Name} agent: ztunnel control plane", problems, failures);
            foreach (var pod in node.Pods)
            {
                var rules = await InPodRulesProbe.ReadAsync(pod.Namespace, cancellationToken).ConfigureAwait(false);
                var asExpected = enrolled ? rules.Present : rules.Absent;
                Report(console, $"{pod.Name} ({pod.Namespace}) in-pod rules {(enrolled ? "present" : "absent")}", asExpected ? [] : [rules.ToString()], failures, rules.ToString());
            }
        }

        return failures;
    }

    private static async Task<IReadOnlyList<string>> AgentProblemsAsync(LabAgent agent, bool enrolled, int localPods, CancellationToken cancellationToken)
    {
        try
        {
            using var client = new AgentClient(agent.Socket, TimeSpan.FromSeconds(5));
            var status = await client.StatusAsync(cancellationToken).ConfigureAwait(false);
            var problems = ZtunnelControlPlaneCheck.Problems(status, LabWorkloads.Namespace, localPods, enrolled).ToList();
            if (status.Model["ztunnel"]?["zds-socket"]?.GetValue<string>() is { } socket && !File.Exists(socket))
                problems.Add($"ZDS socket {socket} does not exist");
            return problems;
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or IOException or FormatException or InvalidOperationException)
        {
            return [$"agent unreachable on {agent.Socket}: {e.Message}"];
        }
    }

    private static void Report(LabConsole console, string check, IReadOnlyList<string> problems, List<string> failures, string? detail = null)
    {
        if (problems.Count == 0)
        {
            console.Good(detail is null ? $"  ✓ {check}" : $"  ✓ {check}: {detail}");
            return;
        }

        console.Bad($"  ✗ {check}: {string.Join("; ", problems)}");
        failures.AddRange(problems.Select(p => $"{check}: {p}"));
    }
}
