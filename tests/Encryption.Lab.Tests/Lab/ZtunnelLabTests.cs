using System.Diagnostics;
using System.Text.Json;

namespace Encryption.Lab.Tests.Lab;

/// <summary>
/// The lab with backend ztunnel on the host kernel. No ztunnel proxy can be installed here, so the first test runs the
/// control plane only (and checks the lab says so); the second puts a stand-in <c>ztunnel</c> script on PATH to check
/// how the lab launches and stops one per node (it never connects, so the encrypted data path is still not exercised).
/// </summary>
[Collection(LabCollection.Name)]
public sealed class ZtunnelLabTests
{
    private const string NotExercised = "encrypted data path: not exercised (no ztunnel proxy on PATH)";

    [Fact]
    public async Task WithoutAProxyTheControlPlaneRunsEnrolledPodsGetRulesThatGoWithTheLabelAndVerifySaysTheDataPathWasNotExercised()
    {
        Root.Require();
        await using var lab = new TestLab();

        var up = await lab.RunAsync("up", "--nodes", "2", "--backend", "ztunnel");
        Assert.True(up.ExitCode == 0, up.ToString());
        Assert.Contains(NotExercised, up.Output);
        Assert.Contains("agents ready: ztunnel control plane up", up.Output);
        var secrets = Path.Combine(lab.StateDirectory, "ztunnel-secrets");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(secrets, "ca-private.key")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(secrets, "bootstrap-private.key")));
        Assert.DoesNotContain("PRIVATE KEY", up.Output);
        foreach (var pod in Pods(lab))
            Assert.True(await RulesPresentAsync(pod), $"no in-pod rules in {pod}");

        var status = await lab.RunAsync("status");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Equal(2, CountLines(status.Output, "Encryption: Ztunnel"));
        Assert.Equal(2, CountLines(status.Output, "Local pods with in-pod rules: 1/1"));
        Assert.Contains($"2/2 agents with the ztunnel control plane up; {NotExercised}", status.Output);

        var verify = await lab.RunAsync("verify");
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Contains(NotExercised, verify.Output);
        Assert.Contains("Underlay capture:", verify.Output);
        Assert.Matches(@"TCP +0\n", verify.Output);
        Assert.Contains("plaintext TCP (the only traffic ztunnel carries): 0 packets", verify.Output);
        Assert.Contains("tcp Connection refused (expected: refused", verify.Output);
        Assert.Contains("OK: ztunnel control plane up on every node", verify.Output);
        Assert.DoesNotContain("only inside", verify.Output);

        var off = await lab.RunAsync("enrollment", "off");
        Assert.True(off.ExitCode == 0, off.ToString());
        foreach (var pod in Pods(lab))
            await UntilAsync(async () => !await RulesPresentAsync(pod) && !await AnyRulePartAsync(pod), $"in-pod rules removed from {pod}");

        var plaintext = await lab.RunAsync("verify");
        Assert.True(plaintext.ExitCode == 0, plaintext.ToString());
        Assert.Contains("namespace not enrolled, no in-pod rules left", plaintext.Output);
        Assert.Contains(NotExercised, plaintext.Output);

        var down = await lab.RunAsync("down");
        Assert.True(down.ExitCode == 0, down.ToString());
        Assert.Contains("2 process(es) stopped, 5 namespace(s) deleted, state directory removed", down.Output);
        lab.AssertNothingLeft();
    }

    [Fact]
    public async Task AZtunnelOnPathIsStartedPerNodeInTheNodesNamespaceWithTheDaemonSetEnvironmentAndDownStopsIt()
    {
        Root.Require();
        await using var lab = new TestLab();
        var bin = Directory.CreateTempSubdirectory("fake-ztunnel-").FullName;
        try
        {
            var fake = Path.Combine(bin, "ztunnel");
            await File.WriteAllTextAsync(fake, "#!/bin/sh\nenv | sort\necho \"args: $*\"\nexec sleep 600\n");
            File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var path = new Dictionary<string, string> { ["PATH"] = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}" };

            // The stand-in never connects on ZDS or xDS, so the agents never become healthy: up times out, kept for a look.
            var up = await lab.RunWithEnvironmentAsync(path, "up", "--nodes", "2", "--backend", "ztunnel", "--ready-timeout", "6", "--keep-on-failure");
            Assert.True(up.ExitCode == 1, up.ToString());
            Assert.Contains($"ztunnel node1 started in {lab.NamespacePrefix}n1 ({fake}", up.Output);
            Assert.Contains($"ztunnel node2 started in {lab.NamespacePrefix}n2 ({fake}", up.Output);
            Assert.Contains("no ztunnel is connected", up.Output);

            var proxies = ProxyPids(lab);
            Assert.Equal(2, proxies.Count);
            for (var n = 1; n <= 2; n++)
            {
                Assert.Equal($"{lab.NamespacePrefix}n{n}", (await RunAsync("ip", "netns", "identify", proxies[n - 1].ToString(System.Globalization.CultureInfo.InvariantCulture))).Trim());
                var log = await File.ReadAllTextAsync(Path.Combine(lab.StateDirectory, "nodes", $"node{n}", "ztunnel.log"));
                Assert.Contains($"NODE_NAME=192.168.100.{n}\n", log);
                Assert.Contains($"INPOD_UDS={Path.Combine(lab.StateDirectory, "nodes", $"node{n}", "ztunnel-zds.sock")}\n", log);
                Assert.Contains("XDS_ADDRESS=https://localhost:15012\n", log);
                Assert.Contains($"CA_ROOT_CA={Path.Combine(lab.StateDirectory, "ztunnel-secrets", "bootstrap-root.crt")}\n", log);
                Assert.Contains("args: proxy ztunnel\n", log);
            }

            // With node1's namespace name gone, its ztunnel is found by the lab marker in its environment.
            Assert.True(await ExitsZeroAsync("ip", "netns", "delete", $"{lab.NamespacePrefix}n1"));
            var down = await lab.RunAsync("down");
            Assert.True(down.ExitCode == 0, down.ToString());
            Assert.Contains("4 process(es) stopped, 4 namespace(s) deleted", down.Output);
            Assert.All(proxies, pid => Assert.False(Directory.Exists($"/proc/{pid}") && !Zombie(pid), $"ztunnel {pid} still running"));
            lab.AssertNothingLeft();
        }
        finally
        {
            Directory.Delete(bin, recursive: true);
        }
    }

    private static IEnumerable<string> Pods(TestLab lab) => [$"{lab.NamespacePrefix}n1p1", $"{lab.NamespacePrefix}n2p1"];

    private static IReadOnlyList<int> ProxyPids(TestLab lab)
    {
        using var state = JsonDocument.Parse(File.ReadAllText(lab.StateFile));
        return [.. state.RootElement.GetProperty("proxies").EnumerateArray().Select(a => a.GetProperty("pid").GetInt32())];
    }

    /// <summary>What the agent installs (Encryption.Ztunnel InPodRules): nft table inet ztunnel_inpod and the fwmark rule to table 100.</summary>
    private static async Task<bool> RulesPresentAsync(string pod) =>
        await ExitsZeroAsync("ip", "netns", "exec", pod, "nft", "list", "table", "inet", "ztunnel_inpod")
        && (await RunAsync("ip", "-n", pod, "rule", "show", "priority", "32764")).Contains("fwmark 0x111/0xfff lookup 100", StringComparison.Ordinal);

    private static async Task<bool> AnyRulePartAsync(string pod) =>
        await ExitsZeroAsync("ip", "netns", "exec", pod, "nft", "list", "table", "inet", "ztunnel_inpod")
        || (await RunAsync("ip", "-n", pod, "rule", "show", "priority", "32764")).Length > 0
        || (await RunAsync("ip", "-n", pod, "route", "show", "table", "100")).Length > 0;

    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"timed out waiting for: {what}");
            await Task.Delay(200);
        }
    }

    private static async Task<string> RunAsync(string program, params string[] arguments)
    {
        var (_, output) = await ExecAsync(program, arguments);
        return output;
    }

    private static async Task<bool> ExitsZeroAsync(string program, params string[] arguments) => (await ExecAsync(program, arguments)).ExitCode == 0;

    private static async Task<(int ExitCode, string Output)> ExecAsync(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output);
    }

    private static bool Zombie(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return true;
        }
    }

    private static int CountLines(string text, string prefix) =>
        text.Split('\n').Count(line => line.StartsWith(prefix, StringComparison.Ordinal));
}
