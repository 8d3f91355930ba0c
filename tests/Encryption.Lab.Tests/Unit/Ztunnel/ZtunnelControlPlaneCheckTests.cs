using Encryption.Agent.State;
using Encryption.Agent.Status;
using Encryption.Cli.Lab.Ztunnel;
using Encryption.Cli.Status;
using Encryption.Core.Configuration;
using Encryption.Ztunnel;
using Encryption.Ztunnel.Enrollment;
using System.Collections.Immutable;
using System.Net;

namespace Encryption.Lab.Tests.Unit.Ztunnel;

/// <summary>When the lab counts an agent's ztunnel control plane as up, judged on the agent's real status document.</summary>
public sealed class ZtunnelControlPlaneCheckTests
{
    private static readonly EncryptionOptions Options = EncryptionOptions.Defaults with { Agent = new AgentOptions { NodeName = "node1" } };
    private static readonly AgentStateSnapshot Ready = AgentStateSnapshot.Initial with { ClusterSynced = true, ApplySuccesses = 1, RemoteNodes = 1 };

    [Fact]
    public void AnAgentWithNoZtunnelConnectedIsDegradedButItsControlPlaneIsUp()
    {
        var status = Status(Input());

        Assert.False(status.Healthy);
        Assert.Empty(ZtunnelControlPlaneCheck.Problems(status, "default", localPods: 1, enrolled: true));
        Assert.False(ZtunnelControlPlaneCheck.DataPathExercised(status));
        Assert.Null(LabZtunnel.NotReady(status, proxies: false, expectedRemotes: 1, localPods: 1));
    }

    [Fact]
    public void WithAProxyTheLabWaitsForAHealthyAgent()
    {
        var reason = LabZtunnel.NotReady(Status(Input()), proxies: true, expectedRemotes: 1, localPods: 1);

        Assert.NotNull(reason);
        Assert.StartsWith("Degraded: NOT exercised: no ztunnel is connected", reason);
    }

    [Fact]
    public void APodWhoseRulesFailedIsAProblem()
    {
        var input = Input() with
        {
            HandedOver = 0,
            RuleFailures = ImmutableDictionary<string, string>.Empty.Add("uid-1", "install rules: nft exited with 1"),
        };

        var problems = ZtunnelControlPlaneCheck.Problems(Status(input), "default", localPods: 1, enrolled: true);

        Assert.Contains("pod uid-1: install rules: nft exited with 1", problems);
        Assert.Contains("0/1 local pod(s) with in-pod rules, expected 1/1", problems);
    }

    [Fact]
    public void NoListenerAndNoEnrolledNamespaceAreProblems()
    {
        var input = Input() with { GrpcEndpoints = [], Plan = EnrollmentPlan.Empty, HandedOver = 0 };

        var problems = ZtunnelControlPlaneCheck.Problems(Status(input), "default", localPods: 1, enrolled: true);

        Assert.Contains("xDS/CA listener not listening", problems);
        Assert.Contains("namespace default not enrolled", problems);
    }

    [Fact]
    public void AfterDisenrollmentNoNamespaceAndNoLocalPodIsExpected()
    {
        var input = Input() with { Plan = EnrollmentPlan.Empty, HandedOver = 0 };

        Assert.Empty(ZtunnelControlPlaneCheck.Problems(Status(input), "default", localPods: 1, enrolled: false));
        Assert.Contains("namespace default still enrolled", ZtunnelControlPlaneCheck.Problems(Status(Input()), "default", localPods: 1, enrolled: false));
    }

    [Fact]
    public void AnAgentThatSeesTooFewNodesIsNotReady()
    {
        var status = AgentStatus.Parse(StatusDocument.Build(Options, Ready with { RemoteNodes = 0 }, ZtunnelStatusReport.Build(Input())).ToJsonString());

        Assert.Equal("sees 0 of 1 remote nodes", LabZtunnel.NotReady(status, proxies: false, expectedRemotes: 1, localPods: 1));
    }

    [Fact]
    public void AnotherBackendIsNotAZtunnelControlPlane()
    {
        var status = AgentStatus.Parse("""{"node":"node1","type":"none","health":"Ok","problems":[],"json":{"mode":"Disabled"}}""");

        Assert.Equal(["backend is none, not ztunnel"], ZtunnelControlPlaneCheck.Problems(status, "default", 1, enrolled: true));
    }

    private static AgentStatus Status(ZtunnelStatusInput input) =>
        AgentStatus.Parse(StatusDocument.Build(Options, Ready, ZtunnelStatusReport.Build(input)).ToJsonString());

    private static ZtunnelStatusInput Input()
    {
        var workload = new MeshWorkload
        {
            Uid = "uid-1",
            Name = "node1-pod1",
            Namespace = "default",
            ServiceAccount = "default",
            Node = "192.168.100.1",
            Addresses = [IPAddress.Parse("10.1.0.10")],
        };
        var remote = workload with { Uid = "uid-2", Name = "node2-pod1", Node = "192.168.100.2", Addresses = [IPAddress.Parse("10.2.0.10")] };
        return new ZtunnelStatusInput
        {
            Options = new Encryption.Ztunnel.ZtunnelOptions(),
            GrpcEndpoints = [new IPEndPoint(IPAddress.Loopback, 15012)],
            Plan = new EnrollmentPlan
            {
                Namespaces = ["default"],
                Mesh = [workload, remote],
                Local = [new LocalWorkload(workload, "/run/netns/enclab-t-n1p1")],
                LocalNodeIdentity = "192.168.100.1",
            },
            HandedOver = 1,
        };
    }
}
