using Encryption.Agent.LocalNode;
using Encryption.Agent.Metrics;
using Encryption.Agent.State;
using Encryption.Agent.Status;
using Encryption.Core.Backends;
using Encryption.Core.Cluster;
using Encryption.Core.Configuration;
using Encryption.Lab.Tests.Support;
using Encryption.WireGuard.Status;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging.Abstractions;
using System.Text.Json.Nodes;

namespace Encryption.Lab.Tests.Unit;

/// <summary>The agent's WireGuard surface without a device: the rotate-key answer for other backends, the metrics page.</summary>
public sealed class WireGuardAgentApiTests
{
    [Fact]
    public async Task RotateKeyOnAnAgentWithoutWireGuardIsAConflictThatNamesTheBackend()
    {
        var backend = new RecordingBackend();
        var source = new MemoryClusterSource();

        var result = await WireGuardKeyEndpoint.RotateAsync(backend, source, new LocalNodeSource(new Node { Name = "node1" }, backend),
            new AgentState(TimeProvider.System), NullLogger<AgentState>.Instance, CancellationToken.None);

        var content = Assert.IsType<ContentHttpResult>(result);
        Assert.Equal(StatusCodes.Status409Conflict, content.StatusCode);
        Assert.Equal("application/json", content.ContentType);
        Assert.Equal("this agent runs the none backend; rotate-key needs the wireguard backend", (string?)JsonNode.Parse(content.ResponseContent!)!["error"]);
        Assert.Empty(source.Published);
    }

    [Fact]
    public void WireGuardMetricsAreOnTheAgentsPageWithTypes()
    {
        var options = EncryptionOptions.Defaults with { Agent = new AgentOptions { NodeName = "node1" } };
        var status = new BackendStatus(EncryptionType.WireGuard, HealthState.Ok, "", new JsonObject { ["mode"] = "Wireguard" });
        var metrics = new WireGuardMetrics { Peers = 2, ReceiveBytes = 100, TransmitBytes = 712, KeyRotations = 1, DeviceOperations = 3 };

        var page = AgentMetrics.Render(options, AgentStateSnapshot.Initial, status, metrics);

        Assert.Contains("# TYPE cilium_wireguard_peers gauge\ncilium_wireguard_peers 2\n", page);
        Assert.Contains("# TYPE cilium_wireguard_transfer_bytes gauge\ncilium_wireguard_transfer_bytes{direction=\"rx\"} 100\ncilium_wireguard_transfer_bytes{direction=\"tx\"} 712\n", page);
        Assert.Contains("# TYPE cilium_wireguard_key_rotations_total counter\ncilium_wireguard_key_rotations_total 1\n", page);
        Assert.Contains("cilium_wireguard_device_operations_total 3\n", page);
        Assert.All(metrics.Samples(), s => Assert.True(WireGuardStatusMetrics.Families.ContainsKey(s.Name), $"{s.Name} has no type or help"));
        Assert.DoesNotContain("cilium_ipsec", page);
    }

    [Fact]
    public void OtherBackendsHaveNoWireGuardMetrics() =>
        Assert.DoesNotContain("cilium_wireguard", AgentMetrics.Render(EncryptionOptions.Defaults, AgentStateSnapshot.Initial,
            new BackendStatus(EncryptionType.None, HealthState.Ok, "", new JsonObject { ["mode"] = "Disabled" })));
}
