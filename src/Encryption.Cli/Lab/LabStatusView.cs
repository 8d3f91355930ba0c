using Encryption.Cli.Lab.Exec;
using Encryption.Cli.Status;
using System.Net.Sockets;

namespace Encryption.Cli.Lab;

/// <summary><c>lab status</c>: every node's agent process and its <c>encrypt status</c>, in Cilium's layout.</summary>
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
        foreach (var node in state.Topology.Nodes)
        {
            var agent = state.Agents.FirstOrDefault(a => a.Node == node.Name);
            var running = agent is not null && ProcessState.IsRunning(agent.Pid);
            console.Line();
            console.Heading($"── {node.Name} ({node.Namespace}, {node.IPv4}, pod CIDR {node.PodCidr}) agent pid {agent?.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} {(running ? "running" : "NOT RUNNING")}");
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
                    healthy++;
            }
            catch (Exception e) when (e is HttpRequestException or SocketException or IOException or FormatException)
            {
                console.Bad($"agent unreachable on {agent.Socket}: {e.Message}");
            }
        }

        console.Line();
        if (healthy == state.Nodes)
        {
            console.Good($"{healthy}/{state.Nodes} agents healthy");
            return 0;
        }

        console.Bad($"{healthy}/{state.Nodes} agents healthy");
        return 1;
    }
}
