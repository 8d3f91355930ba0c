using Encryption.Core.Configuration;

namespace Encryption.Core.Tests.Configuration;

public class OptionCatalogTests
{
    [Fact]
    public void TheRecordsDefaultsAreTheCatalogsDefaults()
    {
        var flattened = OptionsFlattener.Flatten(EncryptionOptions.Defaults);

        foreach (var definition in OptionCatalog.All)
        {
            var expected = definition.Kind == OptionKind.Duration ? GoDuration.Format(GoDuration.Parse(definition.Default)) : definition.Default;
            Assert.True(expected == flattened.GetValueOrDefault(definition.Key, ""), $"{definition.Key}: catalog '{expected}', record '{flattened.GetValueOrDefault(definition.Key)}'");
        }
    }

    [Fact]
    public void TheFlattenerCoversEveryCatalogKeyAndNothingElse()
    {
        var everything = EncryptionOptions.Defaults with
        {
            StrictMode = new StrictModeOptions { Egress = new StrictEgressOptions { Cidr = System.Net.IPNetwork.Parse("10.0.0.0/8") } },
            Agent = new AgentOptions
            {
                NodeName = "n", IPv4 = System.Net.IPAddress.Loopback, IPv6 = System.Net.IPAddress.IPv6Loopback, PodCidrs = [System.Net.IPNetwork.Parse("10.1.0.0/24")],
                PodIps = [System.Net.IPAddress.Loopback], BootId = "b", MetricsAddress = ":1", Kubeconfig = "/k",
            },
            IPsec = new IPsecOptions { Interface = "eth0" },
            Ztunnel = new ZtunnelOptions { PriorityClassName = "p", BootstrapRootCert = "c", Image = new ZtunnelImageOptions { Digest = "d", Override = "o" } },
            Cluster = new ClusterOptions { ClusterMeshConfigPath = "/c" },
        };

        Assert.Equal(OptionCatalog.All.Select(d => d.Key).Order(StringComparer.Ordinal), OptionsFlattener.Flatten(everything).Keys);
    }

    [Fact]
    public void KeysAndFlatKeysAreUnique()
    {
        Assert.Equal(OptionCatalog.All.Length, OptionCatalog.All.Select(d => d.Key).Distinct().Count());
        var flat = FlatKeys.Names.ToList();
        Assert.Equal(flat.Count, flat.Distinct().Count());
    }

    [Fact]
    public void EveryAliasTargetsAKnownKey() =>
        Assert.All(OptionCatalog.Aliases, a => Assert.True(OptionCatalog.TryGet(a.Target, out _), a.Spelling));

    [Fact]
    public void EveryEnumListsItsDefaultAmongItsValues() =>
        Assert.All(OptionCatalog.All.Where(d => d.Kind == OptionKind.Enum), d => Assert.Contains(d.Default, d.AllowedValues));

    [Fact]
    public void EveryExtensionSaysWhyItExists() =>
        Assert.All(OptionCatalog.All.Where(d => d.IsExtension), d => Assert.False(string.IsNullOrWhiteSpace(d.Description), d.Key));

    [Fact]
    public void CiliumsConfigMapKeysAreRecognised()
    {
        string[] cilium =
        [
            "enable-ipsec", "ipsec-key-file", "encrypt-interface", "enable-ipsec-key-watcher", "ipsec-key-rotation-duration",
            "enable-ipsec-encrypted-overlay", "enable-wireguard", "wireguard-persistent-keepalive", "enable-ztunnel", "encrypt-node",
            "enable-encryption-strict-mode-egress", "encryption-strict-egress-cidr", "encryption-strict-egress-allow-remote-node-identities",
            "enable-encryption-strict-mode-ingress", "enable-encryption-strict-mode", "encryption-strict-mode-cidr",
            "encryption-strict-mode-allow-remote-node-identities", "node-encryption-opt-out-labels", "enable-wireguard-userspace-fallback",
            "boot-id-file", "cluster-name", "cluster-id",
        ];

        Assert.All(cilium, key => Assert.Contains(key, FlatKeys.Names));
    }
}
