using Encryption.Cli.Interop;

namespace Encryption.Lab.Tests.Lab;

/// <summary>The lab end to end on the host kernel: real namespaces, real agents, real tcpdump. Needs root.</summary>
[Collection(LabCollection.Name)]
public sealed class LabLifecycleTests
{
    [Fact]
    public async Task LabUpVerifyDownWithBackendNoneSeesPlaintextAndLeavesNothingBehind()
    {
        Root.Require();
        await using var lab = new TestLab();

        var up = await lab.RunAsync("up", "--nodes", "3", "--backend", "none");
        Assert.True(up.ExitCode == 0, up.ToString());
        Assert.Contains($"Lab \"{lab.Name}\" is up.", up.Output);
        Assert.Equal(3, lab.AgentPids().Count);
        Assert.Equal(7, TestLab.Namespaces().Count(ns => ns.StartsWith(lab.NamespacePrefix, StringComparison.Ordinal)));

        var status = await lab.RunAsync("status");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Equal(3, CountLines(status.Output, "Encryption: Disabled"));
        Assert.Contains("3/3 agents healthy", status.Output);

        var verify = await lab.RunAsync("verify");
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Contains("plaintext seen: yes", verify.Output);
        Assert.Contains("first offending packet: #", verify.Output);
        Assert.Contains("payload: ENCRYPTION-LAB-PLAINTEXT-PROBE", verify.Output);
        Assert.Contains("OK: expected for backend none", verify.Output);

        var down = await lab.RunAsync("down");
        Assert.True(down.ExitCode == 0, down.ToString());
        Assert.Contains("3 process(es) stopped, 7 namespace(s) deleted, state directory removed", down.Output);
        lab.AssertNothingLeft();
    }

    [Fact]
    public async Task LabWithWireGuardCarriesPodTrafficOnlyInsideUdp51871AndDownRemovesItsDevices()
    {
        Root.Require();
        await using var lab = new TestLab();

        var up = await lab.RunAsync("up", "--nodes", "3", "--backend", "wireguard");
        Assert.True(up.ExitCode == 0, up.ToString());
        var status = await lab.RunAsync("status");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Equal(3, CountLines(status.Output, "Encryption: Wireguard"));
        Assert.Equal(3, CountLines(status.Output, "\tNumber of peers: 2"));

        var verify = await lab.RunAsync("verify");
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Contains("plaintext seen: no", verify.Output);
        Assert.Matches(@"UDP 51871 +[1-9]\d*", verify.Output);
        Assert.Contains("OK: pod traffic crossed the underlay only inside UDP 51871", verify.Output);

        var down = await lab.RunAsync("down");
        Assert.True(down.ExitCode == 0, down.ToString());
        lab.AssertNothingLeft();
    }

    [Fact]
    public async Task LabDownAfterAnAgentWasKilledWithSigkillStillRemovesEverything()
    {
        Root.Require();
        await using var lab = new TestLab();
        var up = await lab.RunAsync("up", "--nodes", "2");
        Assert.True(up.ExitCode == 0, up.ToString());

        var victim = lab.AgentPids()[0];
        Assert.True(Signals.Send(victim, Signals.SIGKILL));
        var status = await lab.RunAsync("status");
        Assert.Equal(1, status.ExitCode);
        Assert.Contains("NOT RUNNING", status.Output);

        var down = await lab.RunAsync("down");
        Assert.True(down.ExitCode == 0, down.ToString());
        lab.AssertNothingLeft();
    }

    [Fact]
    public async Task AnAgentStoppedWithSigtermShutsDownGracefullyAndRemovesItsSocket()
    {
        Root.Require();
        await using var lab = new TestLab();
        var up = await lab.RunAsync("up", "--nodes", "2");
        Assert.True(up.ExitCode == 0, up.ToString());
        var agent = lab.AgentPids()[0];
        var socket = Path.Combine(lab.StateDirectory, "nodes", "node1", "agent.sock");
        Assert.True(File.Exists(socket));

        Assert.True(Signals.Send(agent, Signals.SIGTERM));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (lab.Processes().Contains(agent) && DateTime.UtcNow < deadline)
            await Task.Delay(100);

        Assert.DoesNotContain(agent, lab.Processes());
        Assert.False(File.Exists(socket), "the agent left its status socket behind");
        var log = await File.ReadAllTextAsync(Path.Combine(lab.StateDirectory, "nodes", "node1", "agent.log"));
        Assert.Contains("Agent stopped", log);
        Assert.DoesNotContain("Unhandled exception", log);
    }

    [Fact]
    public async Task LabDownWithoutItsStateFileFindsNamespacesAndAgentsByName()
    {
        Root.Require();
        await using var lab = new TestLab();
        var up = await lab.RunAsync("up", "--nodes", "2");
        Assert.True(up.ExitCode == 0, up.ToString());

        File.Delete(lab.StateFile);
        var down = await lab.RunAsync("down");
        Assert.True(down.ExitCode == 0, down.ToString());
        Assert.Contains("2 process(es) stopped, 5 namespace(s) deleted", down.Output);
        lab.AssertNothingLeft();
    }

    [Fact]
    public async Task LabUpWithABackendThatCannotRunHereFailsClearlyAndCreatesNothing()
    {
        Root.Require();
        await using var lab = new TestLab();
        // ztunnel is not here: it always runs (its control plane only, without a ztunnel proxy on PATH; ZtunnelLabTests).
        foreach (var backend in new[] { "ipsec", "wireguard" })
        {
            var up = await lab.RunAsync("up", "--nodes", "2", "--backend", backend);
            if (up.ExitCode == 0)
            {
                // This backend runs here now: it has its own lab test; take the lab down for the next one.
                Assert.Equal(0, (await lab.RunAsync("down")).ExitCode);
                continue;
            }

            Assert.True(up.ExitCode == 2, up.ToString());
            Assert.Matches($"backend {backend}( is not built yet| needs .+)", up.Output);
            lab.AssertNothingLeft();
        }
    }

    [Fact]
    public async Task LabUpRefusesALabThatAlreadyExists()
    {
        Root.Require();
        await using var lab = new TestLab();
        Directory.CreateDirectory(lab.StateDirectory);

        var up = await lab.RunAsync("up", "--nodes", "2");
        Assert.Equal(1, up.ExitCode);
        Assert.Contains("already exists", up.Output);
        Assert.DoesNotContain(TestLab.Namespaces(), ns => ns.StartsWith(lab.NamespacePrefix, StringComparison.Ordinal));
    }

    private static int CountLines(string text, string prefix) =>
        text.Split('\n').Count(line => line.StartsWith(prefix, StringComparison.Ordinal));
}
