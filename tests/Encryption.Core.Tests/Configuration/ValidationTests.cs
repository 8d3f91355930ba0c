using Encryption.Core.Configuration;

namespace Encryption.Core.Tests.Configuration;

/// <summary>Every validation rule: the error names the key as written, the value as written, and says what is wrong.</summary>
public class ValidationTests
{
    private const string Ipsec = "--enable-ipsec";
    private static readonly string LongPath = "/" + new string('a', 110);

    public static TheoryData<string, string?, string[], string, string, string> Errors() => new()
    {
        // Values that do not parse.
        { "boolean", null, ["--encrypt-node=maybe"], "--encrypt-node", "maybe", "not a boolean (true or false)" },
        { "integer", null, ["--cluster-id=abc"], "--cluster-id", "abc", "not an integer" },
        { "duration without unit", null, ["--ipsec-key-rotation-duration=5"], "--ipsec-key-rotation-duration", "5", "not a duration: missing unit in duration" },
        { "negative duration", null, ["--wireguard-persistent-keepalive=-5s"], "--wireguard-persistent-keepalive", "-5s", "must not be negative" },
        { "type", "encryption: { type: ipsecc }", [], "encryption.type", "ipsecc", "must be one of ipsec, wireguard, ztunnel" },
        { "policy mode", null, ["--ipsec-policy-mode=marks"], "--ipsec-policy-mode", "marks", "must be one of selector, mark" },
        { "cluster source", null, ["--cluster-source=etcd"], "--cluster-source", "etcd", "must be one of file, kubernetes" },
        { "pull policy", null, ["--set", "encryption.ztunnel.image.pullPolicy=Sometimes"], "encryption.ztunnel.image.pullPolicy", "Sometimes", "must be one of IfNotPresent, Always, Never" },
        { "url", null, ["--set", "encryption.ztunnel.caAddress=localhost:15012"], "encryption.ztunnel.caAddress", "localhost:15012", "not an absolute http(s) URL" },
        { "ip address", null, ["--ipv4=999.1.1.1"], "--ipv4", "999.1.1.1", "not an IP address" },
        { "pod cidr list", null, ["--pod-cidrs=10.0.0.0/24,bad"], "--pod-cidrs", "10.0.0.0/24,bad", "'bad' is not a CIDR" },
        { "pod ip list", null, ["--pod-ips=10.0.0.1,10.0.0.x"], "--pod-ips", "10.0.0.1,10.0.0.x", "'10.0.0.x' is not an IP address" },
        { "switch", null, ["--enable-ipsec=maybe"], "--enable-ipsec", "maybe", "not a boolean (true or false)" },
        { "backend", null, ["--backend=tls"], "--backend", "tls", "must be one of none, ipsec, wireguard, ztunnel" },

        // Strict mode.
        { "strict cidr syntax", null, [Ipsec, "--enable-encryption-strict-mode-egress", "--encryption-strict-egress-cidr=10.0.0/8x"], "--encryption-strict-egress-cidr", "10.0.0/8x", "cannot parse as a CIDR" },
        { "strict cidr ipv6", null, [Ipsec, "--enable-encryption-strict-mode-egress", "--encryption-strict-egress-cidr=fd00::/64"], "--encryption-strict-egress-cidr", "fd00::/64", "must be an IPv4 CIDR" },
        { "strict cidr missing", null, [Ipsec, "--enable-encryption-strict-mode-egress"], "encryption.strictMode.egress.cidr", "", "is required when strict egress is enabled (--enable-encryption-strict-mode-egress='true' (command line))" },
        { "strict egress with ztunnel", null, ["--enable-ztunnel", "--enable-encryption-strict-mode-egress", "--encryption-strict-egress-cidr=10.0.0.0/8"], "--enable-encryption-strict-mode-egress", "true", "strict egress needs IPsec or WireGuard, but the backend is --enable-ztunnel='true' (command line)" },
        { "strict egress without encryption", "encryption: { strictMode: { egress: { enabled: true, cidr: 10.0.0.0/8 } } }", [], "encryption.strictMode.egress.enabled", "true", "but encryption is off (encryption.enabled='false' (default))" },
        { "strict ingress with ipsec", null, [Ipsec, "--enable-encryption-strict-mode-ingress"], "--enable-encryption-strict-mode-ingress", "true", "strict ingress needs WireGuard, but the backend is --enable-ipsec='true'" },

        // Backend combinations.
        { "wireguard with ipsec across sources", "encryption: { enabled: true, type: ipsec }", ["--enable-wireguard"], "--enable-wireguard", "true", "cannot be used with encryption.type='ipsec' (values file values.yaml:1), which enables IPsec: WireGuard and IPsec are mutually exclusive" },
        { "ztunnel with clustermesh", "encryption: { enabled: true, type: ztunnel }\nclustermesh: { useAPIServer: true }", [], "encryption.type", "ztunnel", "ztunnel is not compatible with ClusterMesh, which clustermesh.useAPIServer='true' (values file values.yaml:2) turns on" },
        { "ztunnel with clustermesh flags", null, ["--enable-ztunnel", "--clustermesh-config=/var/lib/cilium/clustermesh"], "--enable-ztunnel", "true", "ztunnel is not compatible with ClusterMesh, which --clustermesh-config='/var/lib/cilium/clustermesh' (command line) turns on" },

        // IPsec.
        { "ipsec mount path relative", null, [Ipsec, "--ipsec-key-file=etc/ipsec/keys"], "--ipsec-key-file", "etc/ipsec/keys", "must be an absolute path" },
        { "ipsec key file absolute", "encryption: { enabled: true, ipsec: { keyFile: /abs/keys } }", [], "encryption.ipsec.keyFile", "/abs/keys", "must be a file name relative to encryption.ipsec.mountPath" },
        { "ipsec key file empty", "encryption: { enabled: true, ipsec: { keyFile: '' } }", [], "encryption.ipsec.keyFile", "", "is required" },
        { "ipsec rotation zero", null, [Ipsec, "--ipsec-key-rotation-duration=0s"], "--ipsec-key-rotation-duration", "0s", "must be greater than 0s" },

        // WireGuard.
        { "keepalive too long", null, ["--wireguard-persistent-keepalive=19h"], "--wireguard-persistent-keepalive", "19h", "must be at most 65535s" },
        { "keepalive fractional", null, ["--wireguard-persistent-keepalive=1500ms"], "--wireguard-persistent-keepalive", "1500ms", "must be a whole number of seconds" },
        { "wireguard state dir relative", null, ["--enable-wireguard", "--wireguard-state-dir=state"], "--wireguard-state-dir", "state", "must be an absolute path" },
        { "wireguard socket path too long", null, ["--enable-wireguard", "--enable-wireguard-userspace-fallback", "--wireguard-userspace-socket-dir=" + LongPath], "--wireguard-userspace-socket-dir", LongPath, "is longer than the 107 bytes a unix socket path may have" },
        { "wireguard binary empty", null, ["--enable-wireguard", "--enable-wireguard-userspace-fallback", "--wireguard-userspace-binary="], "--wireguard-userspace-binary", "", "is required when the userspace fallback is enabled" },

        // ztunnel.
        { "ztunnel health port", null, ["--set", "encryption.ztunnel.healthPort=70000"], "encryption.ztunnel.healthPort", "70000", "must be a port number (1-65535)" },
        { "ztunnel grace period", null, ["--set", "encryption.ztunnel.terminationGracePeriodSeconds=-1"], "encryption.ztunnel.terminationGracePeriodSeconds", "-1", "must not be negative" },
        { "zds socket relative", null, ["--enable-ztunnel", "--ztunnel-zds-unix-addr=ztunnel.sock"], "--ztunnel-zds-unix-addr", "ztunnel.sock", "must be an absolute path" },
        { "ztunnel secrets dir relative", null, ["--enable-ztunnel", "--ztunnel-secrets-dir=secrets"], "--ztunnel-secrets-dir", "secrets", "must be an absolute path" },
        { "trust domain", null, ["--enable-ztunnel", "--ztunnel-trust-domain=a/b"], "--ztunnel-trust-domain", "a/b", "must be a domain name" },

        // Cluster.
        { "cluster id range", null, ["--cluster-id=300"], "--cluster-id", "300", "must be between 0 and 255" },
        { "cluster name", null, ["--cluster-name=Lab_1"], "--cluster-name", "Lab_1", "must be at most 32 lower case letters" },

        // Agent.
        { "node name", null, ["--node-name=Node_1"], "--node-name", "Node_1", "must be a DNS-1123 subdomain" },
        { "ipv4 family", null, ["--ipv4=fd00::1"], "--ipv4", "fd00::1", "must be an IPv4 address" },
        { "ipv6 family", null, ["--ipv6=10.0.0.1"], "--ipv6", "10.0.0.1", "must be an IPv6 address" },
        { "boot id", null, ["--boot-id=abc"], "--boot-id", "abc", "must be a UUID" },
        { "address required with file store", null, ["--set", "agent.ipv4="], "agent.ipv4", "", "ipv4 or ipv6 is required with the file cluster source" },
        { "store dir relative", null, ["--store-dir=nodes"], "--store-dir", "nodes", "must be an absolute path" },
        { "status socket too long", null, ["--status-socket=" + LongPath], "--status-socket", LongPath, "is longer than the 107 bytes" },
        { "boot id file relative", null, ["--boot-id-file=boot_id"], "--boot-id-file", "boot_id", "must be an absolute path" },
        { "resync interval", null, ["--resync-interval=500ms"], "--resync-interval", "500ms", "must be at least 1s" },
        { "metrics address", null, ["--prometheus-serve-addr=localhost"], "--prometheus-serve-addr", "localhost", "must be IP:PORT or :PORT" },

        // Source syntax.
        { "unknown key with suggestion", "encryption: { ipsec: { keyfile: x } }", [], "encryption.ipsec.keyfile", "x", "unknown key; did you mean encryption.ipsec.keyFile?" },
        { "unknown key", "encryption: { bogusThing: 1 }", [], "encryption.bogusThing", "1", "unknown key" },
        { "unknown agent key", "agent: { nodename: n1 }", [], "agent.nodename", "n1", "unknown key; did you mean agent.nodeName?" },
        { "mapping for a value", "encryption: { enabled: [true] }", [], "encryption.enabled", "[...]", "expected a single value" },
        { "value for a mapping", "encryption: { ipsec: 5 }", [], "encryption.ipsec", "5", "expected a mapping" },
        { "yaml syntax", "encryption: [", [], "(values file)", "", "not valid YAML" },
        { "unknown flag", null, ["--enable-ipsecc"], "--enable-ipsecc", "", "unknown flag" },
        { "positional argument", null, ["ipsec"], "ipsec", "", "unexpected argument" },
        { "unknown set key", null, ["--set", "encryption.nope=1"], "encryption.nope", "1", "unknown key for --set" },
        { "flag without value", null, ["--node-name"], "--node-name", "", "needs a value" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void EveryRuleReportsTheKeyAndValue(string rule, string? yaml, string[] args, string key, string value, string message)
    {
        var result = Load.From(yaml, args: args);

        Assert.False(result.IsValid, rule);
        var error = Assert.Single(result.Errors);
        Assert.Equal(key, error.Key);
        Assert.Equal(value, error.Value);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{key}='{value}'", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TwoBackendSwitchesInOneConfigMapAreRejected()
    {
        var result = Load.From(directory: Load.Dict(("enable-ipsec", "true"), ("enable-wireguard", "true")));

        var error = Assert.Single(result.Errors);
        Assert.Equal("enable-wireguard", error.Key);
        Assert.Contains("cannot be used with enable-ipsec='true'", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("WireGuard and IPsec are mutually exclusive", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingNodeNameIsRequired()
    {
        var result = Load.From(hostname: null);

        var error = Assert.Single(result.Errors);
        Assert.Equal("agent.nodeName='' (default): is required: set node-name (or K8S_NODE_NAME); the host name is used when it has one", error.ToString());
    }

    [Fact]
    public void EveryErrorIsCollectedInOneLoad()
    {
        var result = Load.From(
            "encryption: { type: ipsecc, ipsec: { keyfile: x } }",
            Load.Dict(("cluster-id", "300")),
            Load.Dict(("ENCRYPTION_ENCRYPT_NODE", "maybe")),
            ["--resync-interval=0s", "--ipv6=10.0.0.1", "--bogus"]);

        Assert.Equal(
            new[] { "--bogus", "--ipv6", "--resync-interval", "ENCRYPTION_ENCRYPT_NODE", "cluster-id", "encryption.ipsec.keyfile", "encryption.type" },
            result.Errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Null(result.Options);
        var exception = Assert.Throws<OptionsValidationException>(result.GetOptionsOrThrow);
        Assert.Equal(7, exception.Errors.Length);
        Assert.Contains("encryption.type='ipsecc'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AValueThatFailsToParseDoesNotCascadeIntoOtherRules()
    {
        var result = Load.From(args: [Ipsec, "--enable-encryption-strict-mode-egress=maybe", "--encryption-strict-egress-cidr=nope"]);

        Assert.Equal(2, result.Errors.Length);
    }

    public static TheoryData<string, string?, string[], string, string> Warnings() => new()
    {
        { "encrypted overlay", null, [Ipsec, "--enable-ipsec-encrypted-overlay=true"], "--enable-ipsec-encrypted-overlay", "has no effect" },
        { "ipsec interface", "encryption: { enabled: true, ipsec: { interface: eth0 } }", [], "encryption.ipsec.interface", "has no effect" },
        { "cidr host bits", null, [Ipsec, "--enable-encryption-strict-mode-egress", "--encryption-strict-egress-cidr=10.1.2.3/8"], "--encryption-strict-egress-cidr", "has bits set after the prefix length; using 10.0.0.0/8" },
        { "node encryption with ztunnel", null, ["--enable-ztunnel", "--encrypt-node"], "--encrypt-node", "has no effect with ztunnel" },
    };

    [Theory]
    [MemberData(nameof(Warnings))]
    public void SuspiciousButWorkableSettingsWarn(string rule, string? yaml, string[] args, string key, string message)
    {
        var result = Load.From(yaml, args: args);

        Assert.True(result.IsValid, rule + ": " + string.Join("\n", result.Errors));
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(key, warning.Key);
        Assert.Contains(message, warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheChartsDefaultEncryptedOverlayFalseDoesNotWarn() =>
        Assert.Empty(Load.From(directory: Load.Dict(("enable-ipsec", "true"), ("enable-ipsec-encrypted-overlay", "false"))).Warnings);

    [Fact]
    public void AnUnknownEncryptionVariableWarnsButOtherVariablesAreIgnored()
    {
        var result = Load.From(environment: Load.Dict(("ENCRYPTION_ENABLE_IPSECC", "true"), ("PATH", "/usr/bin"), ("CILIUM_ENABLE_IPSEC", "true")));

        Assert.True(result.IsValid);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("ENCRYPTION_ENABLE_IPSECC='true' (environment variable ENCRYPTION_ENABLE_IPSECC): unknown variable; ignored", warning.ToString());
    }

    [Theory]
    [InlineData("10.0.0.0/8", "10.1.2.3", false, true)]
    [InlineData("10.0.0.0/8", "10.1.2.3", true, false)]
    [InlineData("10.0.0.0/8", "192.168.1.1", false, false)]
    public void ANodeAddressInsideTheStrictCidrIsRefusedUnlessRemoteNodeIdentitiesAreAllowed(string cidr, string node, bool allow, bool refused)
    {
        var egress = new StrictEgressOptions { Enabled = true, Cidr = System.Net.IPNetwork.Parse(cidr), AllowRemoteNodeIdentities = allow };

        var error = egress.CheckNodeAddress(System.Net.IPAddress.Parse(node));

        Assert.Equal(refused, error is not null);
        if (refused)
            Assert.Contains("allowRemoteNodeIdentities=true", error, StringComparison.Ordinal);
    }
}
