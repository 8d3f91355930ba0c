using System.Net;
using Encryption.Agent.Backends;
using Encryption.Core.Configuration;

namespace Encryption.Lab.Tests.Agent;

/// <summary>The Helm-values options reach each backend's own options.</summary>
public sealed class BackendFactoryTests
{
    [Fact]
    public void WireGuardGetsStrictEgressAndStrictIngress()
    {
        var options = EncryptionOptions.Defaults with
        {
            StrictMode = new StrictModeOptions
            {
                Egress = new StrictEgressOptions { Enabled = true, Cidr = IPNetwork.Parse("10.0.0.0/8"), AllowRemoteNodeIdentities = true },
                Ingress = new StrictIngressOptions { Enabled = true },
            },
        };

        var wireguard = WireGuardBackendFactory.Map(options);

        Assert.True(wireguard.StrictEgress.Enabled);
        Assert.Equal([IPNetwork.Parse("10.0.0.0/8")], wireguard.StrictEgress.Cidrs);
        Assert.True(wireguard.StrictEgress.AllowRemoteNodeIdentities);
        Assert.True(wireguard.StrictIngress);
        Assert.False(WireGuardBackendFactory.Map(EncryptionOptions.Defaults).StrictIngress);
    }

    [Fact]
    public void ZtunnelLooksForPodNamespacesUnderTheConfiguredProcfs()
    {
        var options = EncryptionOptions.Defaults with { Agent = new AgentOptions { Procfs = "/host/proc" } };

        Assert.Equal("/host/proc", ZtunnelBackendFactory.Map(options).Procfs);
        Assert.Equal("/proc", ZtunnelBackendFactory.Map(EncryptionOptions.Defaults).Procfs);
    }
}
