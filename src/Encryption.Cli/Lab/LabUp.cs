using Encryption.Cli.Lab.Exec;
using Encryption.Cli.Lab.Ztunnel;
using Spectre.Console;

namespace Encryption.Cli.Lab;

/// <summary>
/// <c>lab up</c>: checks the backend is built, creates the underlay, nodes and pods, starts one agent per node
/// against the shared file store (with backend ztunnel, one ztunnel proxy per node when one is on PATH), and waits
/// until every agent is ready and sees every other node. On failure (or Ctrl+C) it removes what it created, unless
/// asked to keep it.
/// </summary>
internal sealed class LabUp(LabConsole console, TimeProvider time)
{
    public async Task<int> RunAsync(LabUpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var names = new LabNames(request.Name);
        var paths = new LabPaths(request.StateRoot, request.Name);
        var topology = LabTopology.Create(names, request.Nodes, request.PodsPerNode);
        var agent = AgentCommand.Resolve(request.AgentPath);

        var built = await AgentBackends.ListAsync(agent, cancellationToken).ConfigureAwait(false);
        if (!built.Contains(request.Backend))
        {
            console.Bad($"backend {request.Backend} is not built yet (this build has: {string.Join(", ", built)})");
            return 2;
        }

        if (LabPrerequisites.Missing(request.Backend) is { } missing)
        {
            console.Bad(missing);
            return 2;
        }

        if (Directory.Exists(paths.Directory) || (await Ip.NamespacesAsync(cancellationToken).ConfigureAwait(false)).Any(names.Owns))
        {
            console.Bad($"lab \"{request.Name}\" already exists; remove it first with: encrypt lab down --name {request.Name}");
            return 1;
        }

        console.Heading($"Creating lab \"{request.Name}\": {request.Nodes} nodes, {request.PodsPerNode} pod(s) each, backend {request.Backend}");
        var state = new LabState
        {
            Name = request.Name,
            Backend = request.Backend,
            Nodes = request.Nodes,
            PodsPerNode = request.PodsPerNode,
            Created = time.GetUtcNow(),
        };
        LabStateStore.Write(paths, state);

        try
        {
            state = await CreateAsync(topology, paths, agent, state, request, cancellationToken).ConfigureAwait(false);
            state = state with { Phase = "up" };
            LabStateStore.Write(paths, state);
        }
        catch (Exception e)
        {
            console.Bad(e is OperationCanceledException ? "lab up interrupted" : $"lab up failed: {e.Message}");
            if (request.KeepOnFailure)
            {
                console.Note($"left in place (--keep-on-failure); remove with: encrypt lab down --name {request.Name}");
            }
            else
            {
                await LabTeardown.DownAsync(names, paths, time, CancellationToken.None).ConfigureAwait(false);
                console.Note("removed everything lab up had created");
            }

            return 1;
        }

        console.Good($"Lab \"{request.Name}\" is up.");
        console.Console.Write(Summary(topology, state));
        if (request.Backend == "ztunnel" && state.Proxies.Count == 0)
            console.Note(LabZtunnel.ControlPlaneOnly);
        console.Line($"Next: encrypt lab status --name {request.Name} | encrypt lab verify --name {request.Name} | encrypt lab down --name {request.Name}");
        return 0;
    }

    private async Task<LabState> CreateAsync(LabTopology topology, LabPaths paths, AgentCommand agent, LabState state, LabUpRequest request, CancellationToken cancellationToken)
    {
        var network = new LabNetwork(topology, ns =>
        {
            state = state with { Namespaces = [.. state.Namespaces, ns] };
            LabStateStore.Write(paths, state);
            return Task.CompletedTask;
        });

        await console.StepAsync($"underlay: bridge {LabNames.Bridge} in {topology.Names.Underlay}", () => network.CreateUnderlayAsync(cancellationToken)).ConfigureAwait(false);
        foreach (var node in topology.Nodes)
        {
            var pods = string.Join(", ", node.Pods.Select(p => p.IPv4));
            await console.StepAsync($"{node.Name}: {node.Namespace}, {node.IPv4} {node.IPv6}, pod CIDR {node.PodCidr}, pods {pods}", () => network.CreateNodeAsync(node, cancellationToken)).ConfigureAwait(false);
        }

        await console.StepAsync("native routes: every node reaches remote pod CIDRs via the remote node's IP", async () =>
        {
            foreach (var node in topology.Nodes)
                await network.RouteAsync(node, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);

        if (request.Backend != "none")
            await console.StepAsync($"backend {request.Backend}: lab-wide material", () => LabBackendSetup.PrepareAsync(request.Backend, paths, time, cancellationToken)).ConfigureAwait(false);
        await console.StepAsync($"workloads: namespace {LabWorkloads.Namespace} and {topology.Pods.Count()} pod(s) in the file store {paths.Store}", () => LabWorkloads.PublishAsync(topology, paths, cancellationToken)).ConfigureAwait(false);
        foreach (var node in topology.Nodes)
        {
            var started = await console.StepAsync($"agent {node.Name} started in {node.Namespace}", () => AgentLauncher.StartAsync(agent, node, paths, request.Backend, request.AgentArguments, cancellationToken)).ConfigureAwait(false);
            state = state with { Agents = [.. state.Agents, started] };
            LabStateStore.Write(paths, state);
        }

        var expected = topology.Nodes.Length - 1;
        if (request.Backend == "ztunnel")
            return await ZtunnelReadyAsync(topology, paths, state, request, expected, cancellationToken).ConfigureAwait(false);
        await console.StepAsync($"agents ready: healthy, each sees {expected} remote node(s)", () =>
            Task.WhenAll(state.Agents.Select(a => AgentReadiness.WaitAsync(a, expected, request.ReadyTimeout, time, cancellationToken)))).ConfigureAwait(false);
        return state;
    }

    /// <summary>Starts the ztunnel proxies if one is on PATH, then waits for healthy agents, or for their control plane only.</summary>
    private async Task<LabState> ZtunnelReadyAsync(LabTopology topology, LabPaths paths, LabState state, LabUpRequest request, int expected, CancellationToken cancellationToken)
    {
        if (LabPrerequisites.FindOnPath("ztunnel") is { } binary)
        {
            state = state with { Proxies = await LabZtunnel.StartProxiesAsync(console, binary, topology, paths, cancellationToken).ConfigureAwait(false) };
            LabStateStore.Write(paths, state);
        }
        else
        {
            console.Note(LabZtunnel.ControlPlaneOnly);
        }

        var proxies = state.Proxies.Count > 0;
        var title = proxies
            ? $"agents ready: healthy (ztunnel connected on ZDS and xDS), each sees {expected} remote node(s)"
            : $"agents ready: ztunnel control plane up (xDS/CA listening, ZDS socket, pods enrolled, in-pod rules installed), each sees {expected} remote node(s)";
        await console.StepAsync(title, () => Task.WhenAll(state.Agents.Select(a => AgentReadiness.WaitAsync(
            a, status => LabZtunnel.NotReady(status, proxies, expected, request.PodsPerNode), request.ReadyTimeout, time, cancellationToken)))).ConfigureAwait(false);
        return state;
    }

    private static Table Summary(LabTopology topology, LabState state)
    {
        var table = new Table().AddColumns("node", "namespace", "underlay", "pod CIDR", "pods", "agent pid");
        if (state.Proxies.Count > 0)
            table.AddColumn("ztunnel pid");
        foreach (var node in topology.Nodes)
        {
            var pid = state.Agents.FirstOrDefault(a => a.Node == node.Name)?.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-";
            string[] row = [node.Name, node.Namespace, $"{node.IPv4}, {node.IPv6}", node.PodCidr.ToString(), string.Join(", ", node.Pods.Select(p => p.IPv4)), pid];
            var proxy = state.Proxies.FirstOrDefault(p => p.Node == node.Name)?.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-";
            table.AddRow(state.Proxies.Count > 0 ? [.. row, proxy] : row);
        }

        return table;
    }
}
