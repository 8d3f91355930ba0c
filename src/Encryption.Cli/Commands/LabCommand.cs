using Encryption.Cli.Lab;
using Encryption.Cli.Lab.Exec;
using Encryption.Cli.Lab.Verify;
using System.CommandLine;

namespace Encryption.Cli.Commands;

/// <summary><c>encrypt lab up|status|verify|enrollment|down</c>: a multi-node cluster in network namespaces on this host.</summary>
internal static class LabCommand
{
    public const string StateDirEnvironmentVariable = "ENCRYPT_LAB_STATE_DIR";
    private static readonly string[] Backends = ["none", "ipsec", "wireguard", "ztunnel"];

    public static Command Create(LabConsole console, TimeProvider time)
    {
        var name = new Option<string>("--name")
        {
            Description = "Lab name: lowercase letters and digits (namespaces are enclab-NAME-*)",
            DefaultValueFactory = _ => LabNames.DefaultLab,
            Recursive = true,
        };
        name.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is { } value && !LabNames.IsValid(value))
                result.AddError($"lab name \"{value}\" must be 1-16 lowercase letters or digits");
        });
        var stateDir = new Option<string>("--state-dir")
        {
            Description = $"Root of the labs' state directories (env {StateDirEnvironmentVariable})",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable(StateDirEnvironmentVariable) ?? LabNames.DefaultStateRoot,
            Recursive = true,
        };

        var lab = new Command("lab", "A multi-node cluster in network namespaces on this host, one agent per node") { name, stateDir };
        lab.Add(Up(console, time, name, stateDir));
        lab.Add(Status(console, name, stateDir));
        lab.Add(Verify(console, time, name, stateDir));
        lab.Add(Enrollment(console, name, stateDir));
        lab.Add(Down(console, time, name, stateDir));
        return lab;
    }

    private static Command Up(LabConsole console, TimeProvider time, Option<string> name, Option<string> stateDir)
    {
        var nodes = new Option<int>("--nodes") { Description = "Number of nodes", DefaultValueFactory = _ => 3 };
        nodes.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > LabTopology.MaxNodes)
                r.AddError($"--nodes must be 1-{LabTopology.MaxNodes}");
        });
        var pods = new Option<int>("--pods") { Description = "Pods per node", DefaultValueFactory = _ => 1 };
        pods.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > LabTopology.MaxPodsPerNode)
                r.AddError($"--pods must be 1-{LabTopology.MaxPodsPerNode}");
        });
        var backend = new Option<string>("--backend") { Description = "none, ipsec, wireguard or ztunnel", DefaultValueFactory = _ => "none" };
        backend.AcceptOnlyFromAmong(Backends);
        var agent = new Option<string?>("--agent") { Description = $"The agent binary or dll (env {AgentCommand.EnvironmentVariable}; default: next to this CLI)" };
        var timeout = new Option<int>("--ready-timeout") { Description = "Seconds to wait for the agents to be ready", DefaultValueFactory = _ => 120 };
        var keep = new Option<bool>("--keep-on-failure") { Description = "Leave what was created in place if lab up fails" };
        var agentArgs = AgentArgumentOption();

        var command = new Command("up", "Create the lab and start one agent per node") { nodes, pods, backend, agent, timeout, keep, agentArgs };
        command.SetAction((parse, cancellationToken) => RequireRoot(console, () => new LabUp(console, time).RunAsync(
            new LabUpRequest
            {
                Name = parse.GetValue(name)!,
                StateRoot = parse.GetValue(stateDir)!,
                Nodes = parse.GetValue(nodes),
                PodsPerNode = parse.GetValue(pods),
                Backend = parse.GetValue(backend)!,
                AgentPath = parse.GetValue(agent),
                ReadyTimeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
                KeepOnFailure = parse.GetValue(keep),
                AgentArguments = parse.GetValue(agentArgs) ?? [],
            },
            cancellationToken)));
        return command;
    }

    /// <summary>
    /// <c>--agent-arg=FLAG</c>, repeatable: one more agent flag for every node, after the lab's own
    /// (<c>--agent-arg=--ipsec-key-rotation-duration=20s --agent-arg=--resync-interval=5s</c>).
    /// </summary>
    internal static Option<string[]> AgentArgumentOption()
    {
        var option = new Option<string[]>("--agent-arg")
        {
            Description = "One more agent flag for every node, as --agent-arg=--flat-key=value (repeatable)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        option.Validators.Add(r =>
        {
            foreach (var value in r.GetValueOrDefault<string[]>() ?? [])
            {
                if (!value.StartsWith("--", StringComparison.Ordinal))
                    r.AddError($"--agent-arg \"{value}\" must be an agent flag (--flat-key=value)");
            }
        });
        return option;
    }

    private static Command Status(LabConsole console, Option<string> name, Option<string> stateDir)
    {
        var command = new Command("status", "Show every node's agent and encryption status");
        command.SetAction((parse, cancellationToken) =>
            new LabStatusView(console).RunAsync(new LabPaths(parse.GetValue(stateDir)!, parse.GetValue(name)!), cancellationToken));
        return command;
    }

    private static Command Verify(LabConsole console, TimeProvider time, Option<string> name, Option<string> stateDir)
    {
        var command = new Command("verify", "Ping and TCP between pods on different nodes while capturing on the underlay; report plaintext seen or not");
        command.SetAction((parse, cancellationToken) => RequireRoot(console, () =>
            new LabVerify(console, time).RunAsync(new LabPaths(parse.GetValue(stateDir)!, parse.GetValue(name)!), cancellationToken)));
        return command;
    }

    private static Command Enrollment(LabConsole console, Option<string> name, Option<string> stateDir)
    {
        var value = new Argument<string>("on|off") { Description = "on: label the pod namespace io.cilium/mtls-enabled=true; off: remove the label" };
        value.AcceptOnlyFromAmong("on", "off");
        var command = new Command("enrollment", $"Enroll the lab's pod namespace ({LabWorkloads.Namespace}) in ztunnel or not: rewrites its document in the file store, the agents follow") { value };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var paths = new LabPaths(parse.GetValue(stateDir)!, parse.GetValue(name)!);
            if (LabStateStore.Read(paths) is null)
            {
                console.Bad($"no lab \"{paths.Lab}\" (no {paths.StateFile})");
                return 1;
            }

            var on = parse.GetValue(value) == "on";
            await LabWorkloads.SetEnrollmentAsync(paths, on, cancellationToken).ConfigureAwait(false);
            console.Good(on
                ? $"namespace {LabWorkloads.Namespace} labelled io.cilium/mtls-enabled=true"
                : $"namespace {LabWorkloads.Namespace}: label io.cilium/mtls-enabled removed");
            return 0;
        });
        return command;
    }

    private static Command Down(LabConsole console, TimeProvider time, Option<string> name, Option<string> stateDir)
    {
        var all = new Option<bool>("--all") { Description = "Remove every lab on this host (by state directory and namespace name)" };
        var command = new Command("down", "Remove everything the lab created (also after a crash or a killed agent)") { all };
        command.SetAction((parse, cancellationToken) => RequireRoot(console, async () =>
        {
            var root = parse.GetValue(stateDir)!;
            IReadOnlyList<string> labs = parse.GetValue(all)
                ? LabDown.AllLabs(root, await Ip.NamespacesAsync(cancellationToken).ConfigureAwait(false))
                : [parse.GetValue(name)!];
            return await new LabDown(console, time).RunAsync(root, labs, cancellationToken).ConfigureAwait(false);
        }));
        return command;
    }

    private static Task<int> RequireRoot(LabConsole console, Func<Task<int>> action)
    {
        if (!Environment.IsPrivilegedProcess)
        {
            console.Bad("the lab needs root (network namespaces, veths, tcpdump)");
            return Task.FromResult(1);
        }

        return action();
    }
}
