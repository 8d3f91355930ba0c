using Encryption.Agent.State;
using Encryption.Agent.Status;
using Encryption.Core.Backends;
using Encryption.Core.Configuration;
using System.Text.Json.Nodes;

namespace Encryption.Lab.Tests.Unit;

/// <summary>The agent's status document: the backend's status plus the agent's own health.</summary>
public sealed class StatusDocumentTests
{
    private static readonly EncryptionOptions Options = EncryptionOptions.Defaults with { Agent = new AgentOptions { NodeName = "node1" } };

    [Fact]
    public void AHealthyAgentPassesTheBackendStatusThrough()
    {
        var ready = AgentStateSnapshot.Initial with { ClusterSynced = true, ApplySuccesses = 1, RemoteNodes = 2 };

        var document = StatusDocument.Build(Options, ready, Disabled());

        Assert.Equal("node1", document["node"]!.GetValue<string>());
        Assert.Equal("none", document["type"]!.GetValue<string>());
        Assert.Equal("Ok", document["health"]!.GetValue<string>());
        Assert.Equal("""{"mode":"Disabled"}""", document["json"]!.ToJsonString());
        Assert.Equal(2, document["agent"]!["remote-nodes"]!.GetValue<int>());
    }

    [Fact]
    public void AgentProblemsGoIntoMsgAndMakeTheHealthDegraded()
    {
        var failing = AgentStateSnapshot.Initial with { ClusterSynced = true, ApplyFailures = 2, ConsecutiveApplyFailures = 2, LastApplyError = "netlink: EPERM" };

        var document = StatusDocument.Build(Options, failing, Disabled());

        Assert.Equal("Degraded", document["health"]!.GetValue<string>());
        Assert.Equal("apply failed (2 in a row): netlink: EPERM", document["json"]!["msg"]!.GetValue<string>());
    }

    [Fact]
    public void TheWorseOfAgentAndBackendHealthWins()
    {
        var ready = AgentStateSnapshot.Initial with { ClusterSynced = true, ApplySuccesses = 1 };
        var failed = Disabled() with { Health = HealthState.Failed, Problems = ["device gone"] };

        var document = StatusDocument.Build(Options, ready, failed);

        Assert.Equal("Failed", document["health"]!.GetValue<string>());
        Assert.Equal("device gone", document["json"]!["msg"]!.GetValue<string>());
    }

    [Fact]
    public void BuildingTheDocumentLeavesTheBackendsJsonUntouched()
    {
        var status = Disabled();

        _ = StatusDocument.Build(Options, AgentStateSnapshot.Initial, status);

        Assert.Null(status.Json["msg"]);
    }

    [Fact]
    public void BeforeTheFirstListTheAgentSaysWhatItIsWaitingFor()
    {
        var (health, problems) = AgentStateSnapshot.Initial.Health();

        Assert.Equal(HealthState.Degraded, health);
        Assert.Equal(["waiting for the cluster source's initial list"], problems);
    }

    private static BackendStatus Disabled() => new(EncryptionType.None, HealthState.Ok, "Encryption: Disabled\n", new JsonObject { ["mode"] = "Disabled" });
}
