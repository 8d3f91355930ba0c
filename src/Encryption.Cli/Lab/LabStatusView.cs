using Encryption.Cli.Lab.Exec;
using Encryption.Cli.Lab.Ztunnel;
using Encryption.Cli.Status;
using System.Net.Sockets;

namespace Encryption.Cli.Lab;

/// <summary>
/// <c>lab status</c>: every node's agent process and its <c>encrypt status</c>, in Cilium's layout. With backend ztunnel
/// and no proxy, an agent whose control plane is up counts as up (its health stays Degraded: no ztunnel is connected).
/// </summary>
internal sealed class LabStatusView(LabConsole console)
{
    public async Task<int> RunAsync(LabPaths paths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var state = LabStateStore.Read(paths);
        if (state is null)
        {
            console.Bad($"no lab \"{paths.Lab}\" (no {paths.StateFile}); create one with: encrypt lab up --name {paths.Lab}");
            return 1;
        }

        console.Heading($"Lab \"{state.Name}\": {state.Nodes} nodes, backend {state.Backend}, {state.Phase} since {state.Created:u}");
        var healthy = 0;
        var controlPlaneOnly = state.Backend == "ztunnel" && state.Proxies.Count == 0;
        var enrolled = controlPlaneOnly && LabWorkloads.IsEnrolled(paths);
        foreach (var node in state.Topology.Nodes)
        {
            var agent = state.Agents.FirstOrDefault(a => a.Node == node.Name);
            var running = agent is not null && ProcessState.IsRunning(agent.Pid);
            console.Line();
            console.Heading($"── {node.Name} ({node.Namespace}, {node.IPv4}, pod CIDR {node.PodCidr}) agent pid {agent?.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} {(running ? "running" : "NOT RUNNING")}");
            if (state.Proxies.FirstOrDefault(p => p.Node == node.Name) is { } proxy)
                console.Note($"ztunnel pid {proxy.Pid} {(ProcessState.IsRunning(proxy.Pid) ? "running" : "NOT RUNNING")}, log {proxy.Log}");
            if (agent is null)
                continue;
            if (!File.Exists(agent.Socket))
            {
                console.Bad($"agent unreachable: no socket at {agent.Socket}");
                continue;
            }

            try
            {
                using var client = new AgentClient(agent.Socket, TimeSpan.FromSeconds(5));
                var status = await client.StatusAsync(cancellationToken).ConfigureAwait(false);
                console.Raw(EncryptionStatusText.Render(status.Model));
                console.Note($"health {status.Health}, sees {status.RemoteNodes} remote node(s)");
                if (status.Healthy)
                {
                    healthy++;
                }
                else if (controlPlaneOnly)
                {
                    var problems = ZtunnelControlPlaneCheck.Problems(status, LabWorkloads.Namespace, state.PodsPerNode, enrolled);
                    if (problems.Count == 0)
                        healthy++;
                    else
                        console.Bad($"ztunnel control plane: {string.Join("; ", problems)}");
                }
            }
            catch (Exception e) when (e is HttpRequestException or SocketException or IOException or FormatException)
            {
                console.Bad($"agent unreachable on {agent.Socket}: {e.Message}");
            }
        }

        console.Line();
        var summary = controlPlaneOnly
            ? $"{healthy}/{state.Nodes} agents with the ztunnel control plane up; {LabZtunnel.NotExercised}"
            : $"{healthy}/{state.Nodes} agents healthy";
        if (healthy == state.Nodes)
        {
            console.Good(summary);
            return 0;
        }

        console.Bad(summary);
        return 1;
    }
}
