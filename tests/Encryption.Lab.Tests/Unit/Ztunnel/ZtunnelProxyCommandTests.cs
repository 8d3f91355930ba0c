using Encryption.Cli.Lab;
using Encryption.Cli.Lab.Ztunnel;
using Encryption.Core.Cluster;
using Encryption.Ztunnel;
using Encryption.Ztunnel.Zds;

namespace Encryption.Lab.Tests.Unit.Ztunnel;

/// <summary>How the lab would run a node's ztunnel (spec 1.2): the pure part; launching needs a binary this host lacks.</summary>
public sealed class ZtunnelProxyCommandTests
{
    private static readonly LabPaths Paths = new("/run/labs", "t");
    private static readonly LabTopology Topology = LabTopology.Create(new LabNames("t"), 2, 1);

    [Fact]
    public void TheEnvironmentIsTheDaemonSetsWithTheNodesHostIpAsNodeName()
    {
        var command = ZtunnelProxyCommand.For("/usr/local/bin/ztunnel", Topology.Nodes[0], Paths);

        Assert.Equal("https://localhost:15012", command.Environment["XDS_ADDRESS"]);
        Assert.Equal("https://localhost:15012", command.Environment["CA_ADDRESS"]);
        Assert.Equal("/run/labs/t/ztunnel-secrets/bootstrap-root.crt", command.Environment["XDS_ROOT_CA"]);
        Assert.Equal("/run/labs/t/ztunnel-secrets/bootstrap-root.crt", command.Environment["CA_ROOT_CA"]);
        Assert.Equal("false", command.Environment["ISTIO_META_DNS_CAPTURE"]);
        Assert.Equal("true", command.Environment["ISTIO_META_ENABLE_HBONE"]);
        Assert.Equal("192.168.100.1", command.Environment["NODE_NAME"]);
        Assert.Equal("192.168.100.1", command.Environment["INSTANCE_IP"]);
        Assert.Equal("kube-system", command.Environment["POD_NAMESPACE"]);
        Assert.Equal("ztunnel", command.Environment["SERVICE_ACCOUNT"]);
        Assert.Equal(["proxy", "ztunnel"], command.Arguments.ToArray());
    }

    [Fact]
    public void ZtunnelConnectsToTheZdsSocketAndTrustsTheSecretsItsAgentWasGiven()
    {
        var node = Topology.Nodes[1];
        var agent = LabBackendSetup.AgentArguments("ztunnel", node, Paths);

        var command = ZtunnelProxyCommand.For("/usr/local/bin/ztunnel", node, Paths);

        Assert.Equal(agent[agent.ToList().IndexOf("--ztunnel-zds-unix-addr") + 1], command.Environment["INPOD_UDS"]);
        var secrets = agent[agent.ToList().IndexOf("--ztunnel-secrets-dir") + 1];
        Assert.Equal(Path.Combine(secrets, "bootstrap-root.crt"), command.Environment["XDS_ROOT_CA"]);
    }

    [Fact]
    public void TheLabsEnvironmentAgreesWithTheBackendsOwnLaunchDescriptionForTheSameAgent()
    {
        var node = Topology.Nodes[0];
        var agent = LabBackendSetup.AgentArguments("ztunnel", node, Paths);
        var options = new ZtunnelOptions
        {
            SecretsDirectory = agent[1],
            Zds = new ZdsServerOptions { SocketPath = agent[3] },
        };
        var library = ZtunnelLaunch.For("ztunnel", options, new Node { Name = node.Name, IPv4 = node.IPv4, IPv6 = node.IPv6 });

        var lab = ZtunnelProxyCommand.For("ztunnel", node, Paths);

        Assert.All(library.Environment.Where(kv => kv.Key != "POD_NAME"), kv => Assert.Equal(kv.Value, lab.Environment.GetValueOrDefault(kv.Key)));
    }

    [Fact]
    public void EachNodesZtunnelHasItsOwnSocketNodeNameAndLog()
    {
        var one = ZtunnelProxyCommand.For("ztunnel", Topology.Nodes[0], Paths);
        var two = ZtunnelProxyCommand.For("ztunnel", Topology.Nodes[1], Paths);

        Assert.NotEqual(one.Environment["INPOD_UDS"], two.Environment["INPOD_UDS"]);
        Assert.NotEqual(one.Environment["NODE_NAME"], two.Environment["NODE_NAME"]);
        Assert.Equal("/run/labs/t/nodes/node2/ztunnel.log", ZtunnelProxyCommand.Log(Topology.Nodes[1], Paths));
    }

    [Fact]
    public void TheCommandLineRunsZtunnelThroughEnvWithOnlyItsEnvironmentAndTheLabMarker()
    {
        var command = ZtunnelProxyCommand.For("/opt/ztunnel", Topology.Nodes[0], Paths);

        var line = command.CommandLine();

        Assert.Equal(["env", "-i"], line.Take(2));
        Assert.Equal(["/opt/ztunnel", "proxy", "ztunnel"], line.TakeLast(3));
        Assert.Equal(command.Environment.Count, line.Count - 5);
        Assert.Contains(ZtunnelProxyCommand.Marker(Paths), line);
        Assert.Equal("ENCRYPTION_LAB_DIR=/run/labs/t", ZtunnelProxyCommand.Marker(Paths));
    }
}
