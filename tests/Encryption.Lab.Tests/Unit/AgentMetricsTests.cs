using Encryption.Agent.Metrics;
using Encryption.Agent.State;
using Encryption.Core.Backends;
using Encryption.Core.Configuration;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Encryption.Lab.Tests.Unit;

/// <summary>The agent's <c>/metrics</c> page: valid exposition text, Cilium's names where Cilium has them.</summary>
public sealed partial class AgentMetricsTests
{
    private static readonly EncryptionOptions Options = EncryptionOptions.Defaults with { Agent = new AgentOptions { NodeName = "node1" } };

    [Fact]
    public void EveryLineIsACommentOrASampleInExpositionFormat()
    {
        var page = AgentMetrics.Render(Options, Applied(), IPsecStatus());

        foreach (var line in page.TrimEnd('\n').Split('\n'))
            Assert.Matches(ExpositionLine(), line);
    }

    [Fact]
    public void TheApplyLoopIsReportedAsACiliumController()
    {
        var page = AgentMetrics.Render(Options, Applied(), DisabledStatus());

        Assert.Contains("cilium_controllers_runs_total{status=\"success\"} 1\n", page);
        Assert.Contains("cilium_controllers_runs_total{status=\"failure\"} 0\n", page);
        Assert.Contains("cilium_controllers_failing 0\n", page);
        Assert.Contains("encryption_agent_remote_nodes 2\n", page);
        Assert.Contains("encryption_agent_info{backend=\"none\",node=\"node1\"} 1\n", page);
    }

    [Fact]
    public void IPsecStatusBecomesCiliumsIPsecMetricsWithItsErrorLabels()
    {
        var page = AgentMetrics.Render(Options, Applied(), IPsecStatus());

        Assert.Contains("# TYPE cilium_ipsec_keys gauge\ncilium_ipsec_keys 4\n", page);
        Assert.Contains("cilium_ipsec_xfrm_error{error=\"no_state\",type=\"inbound\"} 12\n", page);
        Assert.Contains("cilium_ipsec_xfrm_error{error=\"policy_blocked\",type=\"outbound\"} 1\n", page);
    }

    [Fact]
    public void ACounterCiliumHasNoLabelForIsExportedUnderItsKernelName()
    {
        var page = AgentMetrics.Render(Options, Applied(), IPsecStatus());

        Assert.Contains("cilium_ipsec_xfrm_error{error=\"XfrmOutStateDirError\",type=\"outbound\"} 2\n", page);
    }

    [Fact]
    public void WithoutAnIPsecStatusThereAreNoIPsecMetrics()
    {
        var page = AgentMetrics.Render(Options, Applied(), DisabledStatus());

        Assert.DoesNotContain("cilium_ipsec", page);
    }

    [Fact]
    public void HealthIsOneHotOverTheStates()
    {
        var page = AgentMetrics.Render(Options, AgentStateSnapshot.Initial, DisabledStatus());

        Assert.Contains("encryption_agent_health{state=\"ok\"} 0\n", page);
        Assert.Contains("encryption_agent_health{state=\"degraded\"} 1\n", page);
        Assert.Contains("encryption_agent_health{state=\"failed\"} 0\n", page);
    }

    private static AgentStateSnapshot Applied() => AgentStateSnapshot.Initial with
    {
        ClusterSynced = true,
        ApplySuccesses = 1,
        RemoteNodes = 2,
        ClusterChanges = AgentStateSnapshot.Initial.ClusterChanges.Add("resync", 1).Add("node", 2),
    };

    private static BackendStatus DisabledStatus() => new(EncryptionType.None, HealthState.Ok, "Encryption: Disabled\n", new JsonObject { ["mode"] = "Disabled" });

    private static BackendStatus IPsecStatus() => new(EncryptionType.IPsec, HealthState.Ok, "", JsonNode.Parse("""
        { "mode": "IPsec", "ipsec": { "decrypt-interfaces": [], "keys-in-use": 4, "max-seq-number": "N/A", "error-count": 15,
          "xfrm-errors": { "XfrmInNoStates": 12, "XfrmOutPolBlock": 1, "XfrmOutStateDirError": 2 } } }
        """)!.AsObject());

    [GeneratedRegex("""^(# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+|[a-zA-Z_:][a-zA-Z0-9_:]*(\{[a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*"(,[a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*")*\})? -?([0-9.e+-]+|NaN|\+Inf|-Inf))$""")]
    private static partial Regex ExpositionLine();
}
