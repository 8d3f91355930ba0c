using Encryption.Core.Backends;
using Encryption.Core.Configuration;

namespace Encryption.Core.Tests.Configuration;

/// <summary>Every flat key (ConfigMap file, ENCRYPTION_* variable, --flag) reaches its canonical key.</summary>
public class FlatSourceBindingTests
{
    public enum Source
    {
        ConfigDirectory,
        Environment,
        Flag,
    }

    public static TheoryData<string, Source> FlatKeysBySource()
    {
        var data = new TheoryData<string, Source>();
        foreach (var definition in OptionCatalog.All.Where(d => d.FlatKey is not null))
        {
            foreach (var source in Enum.GetValues<Source>())
                data.Add(definition.Key, source);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FlatKeysBySource))]
    public void EveryFlatKeyIsReadFromEveryFlatSource(string key, Source source)
    {
        var definition = OptionCatalog.Get(key);
        var (sample, expected) = Sample(definition);

        var options = Set(source, definition.FlatKey!, sample, SupportFor(key));

        Assert.Equal(expected, OptionsFlattener.Flatten(options).GetValueOrDefault(key));
    }

    [Fact]
    public void EnvironmentVariablesAreThePrefixedUpperCaseFlatKey()
    {
        Assert.Equal("ENCRYPTION_ENABLE_IPSEC_KEY_WATCHER", OptionCatalog.Get(OptionKeys.IPsecKeyWatcher).EnvironmentVariable);
        Assert.Equal("enable-ipsec-key-watcher", FlatKeys.FlatKeyForEnvironmentVariable("ENCRYPTION_ENABLE_IPSEC_KEY_WATCHER"));
        Assert.Null(FlatKeys.FlatKeyForEnvironmentVariable("ENABLE_IPSEC"));
    }

    [Theory]
    [InlineData("/etc/ipsec/keys", "/etc/ipsec", "keys")]
    [InlineData("/run/lab/n1/ipsec.keys", "/run/lab/n1", "ipsec.keys")]
    [InlineData("/keys", "/", "keys")]
    public void IPsecKeyFileSplitsIntoMountPathAndKeyFile(string path, string mountPath, string keyFile)
    {
        var o = Load.Valid(directory: Load.Dict(("ipsec-key-file", path)));

        Assert.Equal(mountPath, o.IPsec.MountPath);
        Assert.Equal(keyFile, o.IPsec.KeyFile);
        Assert.Equal(path, o.IPsec.KeyFilePath);
    }

    [Theory]
    [InlineData("enable-ipsec", EncryptionType.IPsec)]
    [InlineData("enable-wireguard", EncryptionType.WireGuard)]
    [InlineData("enable-ztunnel", EncryptionType.Ztunnel)]
    public void EachBackendSwitchEnablesItsBackend(string flatKey, EncryptionType type)
    {
        Assert.Equal(type, Load.Valid(directory: Load.Dict((flatKey, "true"))).EffectiveType);
        Assert.Equal(type, Load.Valid(args: ["--" + flatKey]).EffectiveType);
        Assert.Equal(type, Load.Valid(environment: Load.Dict((FlatKeys.EnvironmentVariableFor(flatKey), "true"))).EffectiveType);
    }

    [Fact]
    public void ASwitchOffTurnsOffOnlyTheBackendItNames()
    {
        Assert.Equal(EncryptionType.None, Load.Valid("encryption: { enabled: true, type: ipsec }", args: ["--enable-ipsec=false"]).EffectiveType);
        Assert.Equal(EncryptionType.WireGuard, Load.Valid("encryption: { enabled: true, type: wireguard }", args: ["--enable-ipsec=false"]).EffectiveType);
    }

    [Fact]
    public void ASwitchOffThenAnotherOnChangesBackend() =>
        Assert.Equal(EncryptionType.WireGuard, Load.Valid(directory: Load.Dict(("enable-ipsec", "true")), args: ["--enable-ipsec=false", "--enable-wireguard"]).EffectiveType);

    [Theory]
    [InlineData("none", EncryptionType.None)]
    [InlineData("ipsec", EncryptionType.IPsec)]
    [InlineData("WireGuard", EncryptionType.WireGuard)]
    [InlineData("ztunnel", EncryptionType.Ztunnel)]
    public void TheBackendFlagChoosesExplicitly(string value, EncryptionType type) =>
        Assert.Equal(type, Load.Valid(directory: Load.Dict(("enable-ipsec", "true")), args: ["--backend", value]).EffectiveType);

    [Fact]
    public void SetSetsAnyKeyByItsHelmPath()
    {
        var o = Load.Valid(args: ["--set", "encryption.ztunnel.healthPort=15099", "--set=encryption.ipsec.secretName=s"]);

        Assert.Equal(15099, o.Ztunnel.HealthPort);
        Assert.Equal("s", o.IPsec.SecretName);
    }

    [Fact]
    public void FlagsTakeValuesWithEqualsOrAsTheNextArgument()
    {
        var o = Load.Valid(args: ["--node-name", "n7", "--ipv4=10.0.0.7", "--encrypt-node", "--enable-ipsec-key-watcher=false"]);

        Assert.Equal("n7", o.Agent.NodeName);
        Assert.Equal("10.0.0.7", o.Agent.IPv4!.ToString());
        Assert.True(o.NodeEncryption);
        Assert.False(o.IPsec.KeyWatcher);
    }

    [Fact]
    public void ARepeatedFlagKeepsTheLastValue() =>
        Assert.Equal("n3", Load.Valid(args: ["--node-name=n2", "--node-name=n3"]).Agent.NodeName);

    [Fact]
    public void KubernetesNodeNameVariableNamesTheNode() =>
        Assert.Equal("k8s-node", Load.Valid(environment: Load.Dict(("K8S_NODE_NAME", "k8s-node"))).Agent.NodeName);

    [Fact]
    public void ConfigDirectoryValuesAreTrimmedAndHiddenEntriesSkipped()
    {
        var o = Load.Valid(directory: Load.Dict(("encrypt-node", "true\n"), ("..data", "garbage"), ("unrelated-cilium-key", "x")));

        Assert.True(o.NodeEncryption);
    }

    [Fact]
    public void SourcesNamedOnTheCommandLineAndInTheEnvironmentAreRead()
    {
        using var temp = new Support.TempDirectory();
        var values = temp.Write("values.yaml", "encryption: { enabled: true, type: wireguard }");
        temp.Write("config/wireguard-persistent-keepalive", "10s");

        var o = OptionsLoader.Load(new OptionsSources
        {
            Arguments = ["--values", values, "--ipv4=10.0.0.1"],
            Environment = Load.Dict(("ENCRYPTION_CONFIG_DIR", temp.Combine("config"))),
            Hostname = "n1",
        }).GetOptionsOrThrow();

        Assert.Equal(EncryptionType.WireGuard, o.EffectiveType);
        Assert.Equal(TimeSpan.FromSeconds(10), o.WireGuard.PersistentKeepalive);
    }

    private static EncryptionOptions Set(Source source, string flatKey, string value, string? yaml) => source switch
    {
        Source.ConfigDirectory => Load.Valid(yaml, directory: Load.Dict((flatKey, value))),
        Source.Environment => Load.Valid(yaml, environment: Load.Dict((FlatKeys.EnvironmentVariableFor(flatKey), value))),
        _ => Load.Valid(yaml, args: [$"--{flatKey}={value}"]),
    };

    /// <summary>Strict mode is only valid with WireGuard and a CIDR; the values file supplies them.</summary>
    private static string? SupportFor(string key) => key is OptionKeys.StrictEgressEnabled or OptionKeys.StrictIngressEnabled
        ? "encryption: { enabled: true, type: wireguard, strictMode: { egress: { cidr: 10.0.0.0/8 } } }"
        : null;

    private static (string Sample, string Expected) Sample(OptionDefinition d) => d.Key switch
    {
        OptionKeys.NodeName => ("node-9", "node-9"),
        OptionKeys.BootId => ("8a2e3f4c-1111-2222-3333-444455556666", "8a2e3f4c-1111-2222-3333-444455556666"),
        OptionKeys.ClusterName => ("lab-2", "lab-2"),
        OptionKeys.MetricsAddress => (":9962", ":9962"),
        OptionKeys.ZtunnelTrustDomain => ("lab.local", "lab.local"),
        _ => d.Kind switch
        {
            OptionKind.Boolean => d.Default == "true" ? ("false", "false") : ("true", "true"),
            OptionKind.Duration => ("2m", "2m0s"),
            OptionKind.Integer => ("9", "9"),
            OptionKind.Enum => (d.AllowedValues[1], d.AllowedValues[1]),
            OptionKind.Path => ("/sample/dir", "/sample/dir"),
            OptionKind.Cidr => ("10.9.0.0/16", "10.9.0.0/16"),
            OptionKind.IPAddress => d.Key == OptionKeys.NodeIPv6 ? ("fd00::9", "fd00::9") : ("10.9.9.9", "10.9.9.9"),
            OptionKind.CidrList => ("10.9.0.0/24, 10.9.1.0/24", "10.9.0.0/24,10.9.1.0/24"),
            OptionKind.IPAddressList => ("10.9.0.1,10.9.0.2", "10.9.0.1,10.9.0.2"),
            _ => ("sample", "sample"),
        },
    };
}
