using System.Net;
using Encryption.Core.Backends;
using Encryption.Core.Configuration;

namespace Encryption.Core.Tests.Configuration;

public class ValuesFileBindingTests
{
    private const string FullValues = """
        # A Cilium values file: unrelated sections are ignored.
        image:
          repository: quay.io/cilium/cilium
        cluster:
          name: lab
          id: 7
          somethingCiliumHas: true
        encryption:
          enabled: true
          type: wireguard
          nodeEncryption: true
          nodeEncryptionOptOutLabels: "role=edge"
          strictMode:
            egress:
              enabled: true
              cidr: 10.0.0.0/8
              allowRemoteNodeIdentities: true
            ingress:
              enabled: true
          ipsec:
            keyFile: mykeys
            mountPath: /etc/ipsec-keys
            secretName: my-secret
            keyWatcher: false
            keyRotationDuration: 1h30m
            policyMode: mark
          wireguard:
            persistentKeepalive: 25s
            userspaceFallback: true
            stateDir: /var/lib/lab/n1
            userspaceSocketDir: /run/lab/n1
            userspaceBinary: /usr/bin/wireguard-go
          ztunnel:
            image:
              repository: example/ztunnel
              tag: "1.29"
              pullPolicy: Always
              digest: sha256:abc
              useDigest: true
              override: ~
            caAddress: https://localhost:15013
            healthPort: 15022
            terminationGracePeriodSeconds: 10
            priorityClassName: system-node-critical
            secrets:
              bootstrapRootCert: LS0tLS1CRUdJTg==
            zdsSocketPath: /run/lab/n1/ztunnel.sock
            secretsDir: /etc/lab/ztunnel
            trustDomain: lab.local
            resources:
              requests: { cpu: 200m, memory: 512Mi }
            tolerations:
              - operator: Exists
            nodeSelector:
              kubernetes.io/os: linux
        agent:
          nodeName: n1
          ipv4: 192.168.100.1
          ipv6: fd00:100::1
          podCidrs: [10.1.0.0/24, fd00:10:1::/64]
          podIps:
            - 10.1.0.10
          bootId: 8a2e3f4c-1111-2222-3333-444455556666
          clusterSource: file
          fileStoreDir: /run/lab/store
          statusSocket: /run/lab/n1/agent.sock
          bootIdFile: /run/lab/n1/boot_id
          resyncInterval: 1m
          metricsAddress: 127.0.0.1:9962
          kubeconfig: /root/.kube/config
        """;

    [Fact]
    public void EveryKeyOfAFullValuesFileIsBound()
    {
        var o = Load.Valid(FullValues);

        Assert.True(o.Enabled);
        Assert.Equal(EncryptionType.WireGuard, o.Type);
        Assert.Equal(EncryptionType.WireGuard, o.EffectiveType);
        Assert.True(o.NodeEncryption);
        Assert.Equal("role=edge", o.NodeEncryptionOptOutLabels);
        Assert.Equal(new StrictEgressOptions { Enabled = true, Cidr = IPNetwork.Parse("10.0.0.0/8"), AllowRemoteNodeIdentities = true }, o.StrictMode.Egress);
        Assert.True(o.StrictMode.Ingress.Enabled);
        Assert.Equal(
            new IPsecOptions
            {
                KeyFile = "mykeys", MountPath = "/etc/ipsec-keys", SecretName = "my-secret", KeyWatcher = false,
                KeyRotationDuration = TimeSpan.FromMinutes(90), PolicyMode = IPsecPolicyMode.Mark,
            },
            o.IPsec);
        Assert.Equal("/etc/ipsec-keys/mykeys", o.IPsec.KeyFilePath);
        Assert.Equal(TimeSpan.FromMinutes(9), o.IPsec.KeyRotationJitter);
        Assert.Equal(
            new WireGuardOptions
            {
                PersistentKeepalive = TimeSpan.FromSeconds(25), UserspaceFallback = true, StateDirectory = "/var/lib/lab/n1",
                UserspaceSocketDirectory = "/run/lab/n1", UserspaceBinary = "/usr/bin/wireguard-go",
            },
            o.WireGuard);
        Assert.Equal("/var/lib/lab/n1/cilium_wg0.key", o.WireGuard.PrivateKeyPath);
        Assert.Equal("/run/lab/n1/cilium_wg0.sock", o.WireGuard.UserspaceSocketPath);
        Assert.Equal(
            new ZtunnelOptions
            {
                Image = new ZtunnelImageOptions { Repository = "example/ztunnel", Tag = "1.29", PullPolicy = "Always", Digest = "sha256:abc", UseDigest = true },
                CaAddress = new Uri("https://localhost:15013"), HealthPort = 15022, TerminationGracePeriodSeconds = 10,
                PriorityClassName = "system-node-critical", BootstrapRootCert = "LS0tLS1CRUdJTg==", ZdsSocketPath = "/run/lab/n1/ztunnel.sock",
                SecretsDirectory = "/etc/lab/ztunnel", TrustDomain = "lab.local",
            },
            o.Ztunnel);
        Assert.Equal(new ClusterOptions { Name = "lab", Id = 7 }, o.Cluster);
        Assert.Equal(
            new AgentOptions
            {
                NodeName = "n1", IPv4 = IPAddress.Parse("192.168.100.1"), IPv6 = IPAddress.Parse("fd00:100::1"),
                PodCidrs = [IPNetwork.Parse("10.1.0.0/24"), IPNetwork.Parse("fd00:10:1::/64")], PodIps = [IPAddress.Parse("10.1.0.10")],
                BootId = "8a2e3f4c-1111-2222-3333-444455556666", FileStoreDirectory = "/run/lab/store",
                StatusSocketPath = "/run/lab/n1/agent.sock", BootIdFile = "/run/lab/n1/boot_id", ResyncInterval = TimeSpan.FromMinutes(1),
                MetricsAddress = "127.0.0.1:9962", Kubeconfig = "/root/.kube/config",
            },
            o.Agent);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 9962), o.Agent.MetricsEndpoint);
    }

    [Fact]
    public void AnEmptyValuesFileGivesTheDefaults()
    {
        var o = Load.Valid("");

        Assert.Equal(EncryptionOptions.Defaults with { Agent = o.Agent }, o);
        Assert.Equal(EncryptionType.None, o.EffectiveType);
        Assert.Equal("/etc/ipsec/keys", o.IPsec.KeyFilePath);
        Assert.Equal(TimeSpan.FromMinutes(5), o.IPsec.KeyRotationDuration);
        Assert.Equal("node-1", o.Agent.NodeName);
    }

    [Fact]
    public void NullValuesLeaveTheDefault()
    {
        var o = Load.Valid("""
            encryption:
              type: ~
              strictMode:
                egress:
              ipsec:
                keyFile: null
            """);

        Assert.Equal(EncryptionType.IPsec, o.Type);
        Assert.Equal("keys", o.IPsec.KeyFile);
    }

    [Fact]
    public void DisabledEncryptionKeepsTheTypeButRunsNoBackend()
    {
        var o = Load.Valid("encryption: { enabled: false, type: ztunnel }");

        Assert.Equal(EncryptionType.Ztunnel, o.Type);
        Assert.Equal(EncryptionType.None, o.EffectiveType);
    }

    [Theory]
    [InlineData("yes", true)]
    [InlineData("True", true)]
    [InlineData("off", false)]
    [InlineData("0", false)]
    public void BooleansAcceptGoAndYaml11Spellings(string text, bool expected) =>
        Assert.Equal(expected, Load.Valid($"encryption: {{ nodeEncryption: {text} }}").NodeEncryption);

    [Fact]
    public void EnumsAreMatchedCaseInsensitively() =>
        Assert.Equal(EncryptionType.WireGuard, Load.Valid("encryption: { type: WireGuard }").Type);

    [Fact]
    public void ClusterMeshFromTheValuesFileIsSeen()
    {
        var o = Load.Valid("clustermesh: { useAPIServer: true, config: { enabled: false } }");

        Assert.True(o.Cluster.ClusterMeshEnabled);
    }

    [Fact]
    public void AClusterIdAloneIsNotClusterMesh() => Assert.False(Load.Valid("cluster: { id: 3 }").Cluster.ClusterMeshEnabled);

    [Fact]
    public void ReadingAValuesFileFromDiskNamesItsPathAndLine()
    {
        using var temp = new Support.TempDirectory();
        var path = temp.Write("values.yaml", "encryption:\n  type: ipsecc\n");

        var result = OptionsLoader.Load(new OptionsSources { ValuesFile = path, Hostname = "n1", Arguments = ["--ipv4=10.0.0.1"] });

        var error = Assert.Single(result.Errors);
        Assert.Equal($"encryption.type='ipsecc' (values file {path}:2): must be one of ipsec, wireguard, ztunnel", error.ToString());
    }
}
