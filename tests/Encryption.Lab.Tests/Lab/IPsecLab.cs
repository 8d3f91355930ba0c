using Encryption.Cli.Interop;
using Encryption.Cli.Lab;
using Encryption.Cli.Lab.Exec;
using Encryption.Core.IO;
using Encryption.IPsec.Keys;
using Encryption.Lab.Tests.Support;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Xfrm.Stats;

namespace Encryption.Lab.Tests.Lab;

/// <summary>
/// A 3-node IPsec lab (<c>lab up --backend ipsec</c>) for one test, with what the tests look at: each agent's IPsec
/// status, each node's XFRM objects and counters, the lab key file, the node documents, and the agents' processes.
/// Node N: namespace enclab-NAME-nN, underlay 192.168.100.N, pod 10.N.0.10 in enclab-NAME-nNp1.
/// </summary>
internal sealed class IPsecLab : IAsyncDisposable
{
    /// <summary>Bounds a wait that should end on its own; it asserts nothing about speed (the UML guest is slow and shared).</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    private readonly Dictionary<int, int> pids = [];

    private IPsecLab(TestLab lab) => Lab = lab;

    public TestLab Lab { get; }

    public static int[] Nodes { get; } = [1, 2, 3];

    public string KeyFile => Path.Combine(Lab.StateDirectory, "ipsec", "keys");

    /// <summary>Brings up 3 IPsec nodes with <paramref name="agentFlags"/> for every agent (<c>lab up --agent-arg</c>).</summary>
    public static async Task<IPsecLab> UpAsync(params string[] agentFlags)
    {
        Root.Require();
        var lab = new IPsecLab(new TestLab());
        try
        {
            var up = await lab.Lab.RunAsync("up", ["--nodes", "3", "--backend", "ipsec", "--ready-timeout", "900", .. agentFlags.Select(f => $"--agent-arg={f}")]);
            Assert.True(up.ExitCode == 0, up.ToString());
            var agents = lab.Lab.AgentPids();
            for (var i = 0; i < agents.Count; i++)
                lab.pids[i + 1] = agents[i];
            return lab;
        }
        catch
        {
            await lab.DisposeAsync();
            throw;
        }
    }

    public string NodeNamespace(int node) => $"{Lab.NamespacePrefix}n{node}";

    public string PodNamespace(int node) => $"{Lab.NamespacePrefix}n{node}p1";

    public string Underlay => $"{Lab.NamespacePrefix}ul";

    public static string PodIp(int node) => $"10.{node}.0.10";

    public static string NodeIp(int node) => $"192.168.100.{node}";

    public static string NodeIp6(int node) => $"fd00:100::{node}";

    public string Socket(int node) => Path.Combine(Lab.StateDirectory, "nodes", $"node{node}", "agent.sock");

    public string NodeDocument(int node) => Path.Combine(Lab.StateDirectory, "store", $"node{node}.json");

    public string AgentLog(int node) => Path.Combine(Lab.StateDirectory, "nodes", $"node{node}", "agent.log");

    /// <summary>The agent's <c>ipsec</c> status object (<c>key-ids</c>, <c>advertised-key-id</c>, <c>xfrm-states</c>, ...).</summary>
    public async Task<JsonNode> StatusAsync(int node)
    {
        using var agent = new AgentHttp(Socket(node));
        var status = JsonNode.Parse(await agent.GetAsync("v1/encrypt/status"))!;
        return status["json"]!["ipsec"]!;
    }

    public async Task<int> AdvertisedKeyAsync(int node) => (int)(await StatusAsync(node))["advertised-key-id"]!;

    public async Task<int[]> KeyIdsAsync(int node) => [.. (await StatusAsync(node))["key-ids"]!.AsArray().Select(k => (int)k!)];

    /// <summary>Polls every agent until <paramref name="done"/> holds for all of them; the deadline only bounds a hang.</summary>
    public async Task UntilEveryAgentAsync(Func<JsonNode, bool> done, string what, params int[] nodes)
    {
        var deadline = DateTime.UtcNow + Patience;
        var last = "";
        foreach (var node in nodes.Length == 0 ? Nodes : nodes)
        {
            while (true)
            {
                try
                {
                    var status = await StatusAsync(node);
                    if (done(status))
                        break;
                    last = status.ToJsonString();
                }
                catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
                {
                    last = e.Message;
                }

                if (DateTime.UtcNow > deadline)
                    Assert.Fail($"node{node} never reached: {what}; last status: {last}\n{Tail(AgentLog(node))}");
                await Task.Delay(500);
            }
        }
    }

    /// <summary>This node's <c>/proc/net/xfrm_stat</c> (per network namespace).</summary>
    public XfrmStatistics Counters(int node) => XfrmStatistics.Parse(Exec("ip", "netns", "exec", NodeNamespace(node), "cat", "/proc/net/xfrm_stat"));

    public IReadOnlyDictionary<int, XfrmStatistics> AllCounters() => Nodes.ToDictionary(n => n, Counters);

    /// <summary>Lines of <c>ip xfrm state</c> or <c>ip xfrm policy</c> in a node, one object per entry.</summary>
    public IReadOnlyList<string> Xfrm(int node, string kind)
    {
        var text = Exec("ip", "-n", NodeNamespace(node), "xfrm", kind);
        var objects = new List<string>();
        var current = new StringBuilder();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length > 0 && !char.IsWhiteSpace(line[0]) && current.Length > 0)
            {
                objects.Add(current.ToString());
                current.Clear();
            }

            current.AppendLine(line);
        }

        if (current.ToString().Trim().Length > 0)
            objects.Add(current.ToString());
        return objects;
    }

    /// <summary>One ping from node <paramref name="from"/>'s pod to node <paramref name="to"/>'s pod (a few tries: the first packet may wait for ARP).</summary>
    public bool Ping(int from, int to, int tries = 5) =>
        Enumerable.Range(0, tries).Any(_ => TryExec("ip", "netns", "exec", PodNamespace(from), "ping", "-n", "-q", "-c", "1", "-W", "2", PodIp(to)).Code == 0);

    /// <summary>Waits until the pod on <paramref name="from"/> reaches the pod on <paramref name="to"/>.</summary>
    public async Task UntilPingAsync(int from, int to)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!Ping(from, to, tries: 1))
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"the pod on node{from} never reached the pod on node{to} again");
            await Task.Delay(500);
        }
    }

    /// <summary>
    /// Writes the next key (<see cref="KeyFileWriter.Rotate"/>: next ID, same algorithm, fresh material) in place of the
    /// current one, as a Secret update would; returns the new key ID.
    /// </summary>
    public async Task<int> RotateKeyAsync()
    {
        var line = KeyFileWriter.Rotate(await File.ReadAllTextAsync(KeyFile));
        await AtomicFile.WriteAsync(KeyFile, Encoding.ASCII.GetBytes(line + "\n"), AtomicFile.Private, CancellationToken.None);
        return int.Parse(line[..line.IndexOf('+', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
    }

    public int AgentPid(int node) => pids[node];

    /// <summary>The agent's command line as the lab started it (read from <c>/proc</c>), to restart it the same way.</summary>
    public IReadOnlyList<string> AgentCommandLine(int node) =>
        File.ReadAllText($"/proc/{pids[node]}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Sends <paramref name="signal"/> to the node's agent and waits until it is gone.</summary>
    public async Task StopAgentAsync(int node, int signal)
    {
        var pid = pids[node];
        Assert.True(Signals.Send(pid, signal), $"agent node{node} (pid {pid}) was not running");
        var deadline = DateTime.UtcNow + Patience;
        while (ProcessState.IsRunning(pid))
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"agent node{node} (pid {pid}) did not exit after signal {signal}");
            await Task.Delay(100);
        }
    }

    /// <summary>Starts the node's agent again with <paramref name="commandLine"/>, the way <c>lab up</c> starts one, and waits until it is healthy.</summary>
    public async Task StartAgentAsync(int node, IReadOnlyList<string> commandLine)
    {
        pids[node] = await AgentLauncher.LaunchAsync(commandLine, NodeNamespace(node), AgentLog(node), CancellationToken.None);
        var agent = new LabAgent($"node{node}", pids[node], Socket(node), AgentLog(node), "");
        await AgentReadiness.WaitAsync(agent, Nodes.Length - 1, TimeSpan.FromMinutes(15), TimeProvider.System, CancellationToken.None);
    }

    /// <summary><c>lab verify</c>: ping and TCP between pods of every node pair in a ring, with the underlay captured; ESP only.</summary>
    public async Task AssertVerifySeesOnlyEspAsync()
    {
        var verify = await Lab.RunAsync("verify");
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Contains("plaintext seen: no", verify.Output);
        Assert.Matches(@"ESP +[1-9]\d*", verify.Output);
    }

    public async Task DownAndAssertNothingLeftAsync()
    {
        var down = await Lab.RunAsync("down");
        Assert.True(down.ExitCode == 0, down.ToString());
        Lab.AssertNothingLeft();
    }

    public ValueTask DisposeAsync() => Lab.DisposeAsync();

    public static string Exec(params string[] arguments)
    {
        var (code, output) = TryExec(arguments);
        Assert.True(code == 0, $"{string.Join(' ', arguments)} failed ({code}):\n{output}");
        return output;
    }

    public static (int Code, string Output) TryExec(params string[] arguments)
    {
        var start = new ProcessStartInfo(arguments[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments.Skip(1))
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }

    private static string Tail(string log)
    {
        try
        {
            return "--- agent log (end)\n" + string.Join('\n', File.ReadAllLines(log).TakeLast(30));
        }
        catch (IOException)
        {
            return "(no agent log)";
        }
    }
}
