using Encryption.Cli.Commands;
using Encryption.Cli.Lab;
using Spectre.Console;

namespace Encryption.Lab.Tests.Unit;

/// <summary><c>lab up --agent-arg</c>: extra agent flags reach every node's command line, after the lab's own.</summary>
public sealed class LabAgentArgumentTests
{
    [Fact]
    public void AgentArgIsRepeatableAndKeepsEachFlagVerbatim()
    {
        var parse = Lab().Parse(["up", "--backend", "ipsec", "--agent-arg=--ipsec-key-rotation-duration=20s", "--agent-arg=--enable-encryption-strict-mode-egress"]);

        Assert.Empty(parse.Errors);
        Assert.Equal(["--ipsec-key-rotation-duration=20s", "--enable-encryption-strict-mode-egress"], parse.GetValue<string[]>("--agent-arg")!);
    }

    [Fact]
    public void WithoutAgentArgTheLabAddsNothing()
    {
        var parse = Lab().Parse(["up"]);

        Assert.Empty(parse.Errors);
        Assert.Empty(parse.GetValue<string[]>("--agent-arg") ?? []);
    }

    [Fact]
    public void AnAgentArgThatIsNotAFlagIsRejectedByName()
    {
        var parse = Lab().Parse(["up", "--agent-arg=20s"]);

        var error = Assert.Single(parse.Errors);
        Assert.Equal("--agent-arg \"20s\" must be an agent flag (--flat-key=value)", error.Message);
    }

    [Fact]
    public void ExtraArgumentsComeLastSoTheLabsOwnFlagsStayAsTheyWere()
    {
        var paths = new LabPaths("/run/x", "t");
        var node = LabTopology.Create(new LabNames("t"), 2, 1).Nodes[1];
        var agent = new AgentCommand(["/usr/bin/agent"]);

        var plain = AgentLauncher.CommandLine(agent, node, paths, "ipsec", "boot", []);
        var extra = AgentLauncher.CommandLine(agent, node, paths, "ipsec", "boot", ["--resync-interval=5s", "--ipsec-key-rotation-duration=20s"]);

        Assert.Equal([.. plain, "--resync-interval=5s", "--ipsec-key-rotation-duration=20s"], extra);
        Assert.Equal("/usr/bin/agent", plain[0]);
        Assert.Equal(["--ipsec-key-file", LabBackendSetup.IPsecKeyFile(paths)], plain.TakeLast(2));
        Assert.Contains(paths.AgentMarker.Trim(), string.Join(' ', plain));
    }

    private static System.CommandLine.Command Lab()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) });
        return LabCommand.Create(new LabConsole(console, TimeProvider.System), TimeProvider.System);
    }
}
