using Encryption.Core.Configuration;

namespace Encryption.Core.Tests.Configuration;

/// <summary>Values file &lt; config directory &lt; environment &lt; command line.</summary>
public class MergeOrderTests
{
    private const string Yaml = "encryption: { ipsec: { keyRotationDuration: 1m } }";
    private static readonly Dictionary<string, string> Directory = Load.Dict(("ipsec-key-rotation-duration", "2m"));
    private static readonly Dictionary<string, string> Environment = Load.Dict(("ENCRYPTION_IPSEC_KEY_ROTATION_DURATION", "3m"));
    private static readonly string[] Flags = ["--ipsec-key-rotation-duration=4m"];

    [Fact]
    public void TheValuesFileOverridesTheDefault() =>
        Assert.Equal(TimeSpan.FromMinutes(1), Load.Valid(Yaml).IPsec.KeyRotationDuration);

    [Fact]
    public void TheConfigDirectoryOverridesTheValuesFile() =>
        Assert.Equal(TimeSpan.FromMinutes(2), Load.Valid(Yaml, Directory).IPsec.KeyRotationDuration);

    [Fact]
    public void TheEnvironmentOverridesTheConfigDirectory() =>
        Assert.Equal(TimeSpan.FromMinutes(3), Load.Valid(Yaml, Directory, Environment).IPsec.KeyRotationDuration);

    [Fact]
    public void FlagsOverrideEverything() =>
        Assert.Equal(TimeSpan.FromMinutes(4), Load.Valid(Yaml, Directory, Environment, Flags).IPsec.KeyRotationDuration);

    [Fact]
    public void FlagsOverrideTheValuesFileWithoutTheLayersBetween() =>
        Assert.Equal(TimeSpan.FromMinutes(4), Load.Valid(Yaml, args: Flags).IPsec.KeyRotationDuration);

    [Fact]
    public void KeysSetInDifferentSourcesAllApply()
    {
        var o = Load.Valid(
            "encryption: { enabled: true, type: ipsec }",
            Load.Dict(("encrypt-node", "true")),
            Load.Dict(("ENCRYPTION_IPSEC_POLICY_MODE", "mark")),
            ["--enable-ipsec-key-watcher=false"]);

        Assert.True(o.NodeEncryption);
        Assert.Equal(IPsecPolicyMode.Mark, o.IPsec.PolicyMode);
        Assert.False(o.IPsec.KeyWatcher);
    }

    [Fact]
    public void AnErrorNamesTheSourceThatWon()
    {
        var result = Load.From(Yaml, Directory, args: ["--ipsec-key-rotation-duration=soon"]);

        var error = Assert.Single(result.Errors);
        Assert.Equal("--ipsec-key-rotation-duration", error.Key);
        Assert.Equal("soon", error.Value);
        Assert.Equal("command line", error.Source);
    }

    [Fact]
    public void ALaterValidValueHidesAnEarlierInvalidOne() =>
        Assert.True(Load.From("encryption: { ipsec: { keyRotationDuration: soon } }", args: Flags).IsValid);
}
