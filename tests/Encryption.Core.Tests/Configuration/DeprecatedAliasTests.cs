using Encryption.Core.Configuration;

namespace Encryption.Core.Tests.Configuration;

public class DeprecatedAliasTests
{
    /// <summary>Every alias, with a value and how it shows in the flattened options.</summary>
    public static TheoryData<string, string, string> Aliases() => new()
    {
        { "encryption.strictMode.enabled", "true", "true" },
        { "encryption.strictMode.cidr", "10.0.0.0/8", "10.0.0.0/8" },
        { "encryption.strictMode.allowRemoteNodeIdentities", "true", "true" },
        { "enable-encryption-strict-mode", "true", "true" },
        { "encryption-strict-mode-cidr", "10.0.0.0/8", "10.0.0.0/8" },
        { "encryption-strict-mode-allow-remote-node-identities", "true", "true" },
        { "encryption.keyFile", "oldkeys", "oldkeys" },
        { "encryption.mountPath", "/etc/old-ipsec", "/etc/old-ipsec" },
        { "encryption.secretName", "old-secret", "old-secret" },
        { "encryption.interface", "eth1", "eth1" },
        { "K8S_NODE_NAME", "k8s-node", "k8s-node" },
    };

    [Fact]
    public void EveryCatalogAliasIsCovered() =>
        Assert.Equal(OptionCatalog.Aliases.Select(a => a.Spelling).Order(), Aliases().Select(row => (string)row[0]).Order());

    [Theory]
    [MemberData(nameof(Aliases))]
    public void EveryAliasSetsItsNewKey(string spelling, string value, string expected)
    {
        var alias = OptionCatalog.Aliases.Single(a => a.Spelling == spelling);

        var result = LoadAlias(spelling, value);

        Assert.Equal(expected, OptionsFlattener.Flatten(result.Options!).GetValueOrDefault(alias.Target));
    }

    [Theory]
    [MemberData(nameof(Aliases))]
    public void EveryDeprecatedAliasWarnsNamingItselfItsValueAndTheNewKey(string spelling, string value, string expected)
    {
        _ = expected;
        var alias = OptionCatalog.Aliases.Single(a => a.Spelling == spelling);

        var result = LoadAlias(spelling, value);

        var warning = result.Warnings.SingleOrDefault(w => w.Key == spelling && w.Message.StartsWith("deprecated", StringComparison.Ordinal));
        if (alias.Kind == AliasKind.Alternative)
        {
            Assert.Null(warning);
            return;
        }

        Assert.NotNull(warning);
        Assert.Equal(value, warning.Value);
        Assert.Contains(alias.Note, warning.Message, StringComparison.Ordinal);
        var newSpelling = spelling.Contains('.', StringComparison.Ordinal) ? alias.Target : OptionCatalog.Get(alias.Target).FlatKey!;
        Assert.EndsWith("use " + newSpelling, warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AliasAndNewKeyWithDifferentValuesIsAnErrorNamingBoth()
    {
        var result = Load.From("""
            encryption:
              strictMode:
                cidr: 10.0.0.0/8
                egress:
                  cidr: 10.1.0.0/16
            """);

        var error = Assert.Single(result.Errors);
        Assert.Contains("encryption.strictMode.cidr='10.0.0.0/8'", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("encryption.strictMode.egress.cidr='10.1.0.0/16'", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("values file values.yaml:3", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void FlatAliasAndNewFlatKeyWithDifferentValuesIsAnError()
    {
        var result = Load.From(directory: Load.Dict(("enable-encryption-strict-mode", "true"), ("enable-encryption-strict-mode-egress", "false")));

        Assert.Contains(result.Errors, e => e.CanonicalKey == OptionKeys.StrictEgressEnabled && e.Message.Contains("conflicts with", StringComparison.Ordinal));
    }

    [Fact]
    public void AliasAndNewKeyWithTheSameValueOnlyWarns()
    {
        var result = Load.From("""
            encryption:
              keyFile: keys2
              ipsec:
                keyFile: keys2
            """);

        Assert.True(result.IsValid);
        Assert.Equal("keys2", result.Options!.IPsec.KeyFile);
        Assert.Single(result.Warnings, w => w.Key == "encryption.keyFile");
    }

    [Fact]
    public void BooleanAliasesCompareByMeaning()
    {
        var result = Load.From(directory: Load.Dict(("enable-encryption-strict-mode", "True"), ("enable-encryption-strict-mode-egress", "true"),
            ("encryption-strict-egress-cidr", "10.0.0.0/8"), ("enable-ipsec", "true")));

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
    }

    [Fact]
    public void AnAliasInAnEarlierSourceIsOverriddenByTheNewKeyInALaterOne()
    {
        var o = Load.Valid("encryption: { mountPath: /old }", args: ["--ipsec-key-file=/new/keys"]);

        Assert.Equal("/new", o.IPsec.MountPath);
    }

    private static OptionsLoadResult LoadAlias(string spelling, string value)
    {
        // Strict egress is only valid with IPsec and both an enabled flag and a CIDR: the flags supply what the alias does not.
        var target = OptionCatalog.Aliases.Single(a => a.Spelling == spelling).Target;
        string[] support = target switch
        {
            OptionKeys.StrictEgressEnabled => ["--enable-ipsec", "--encryption-strict-egress-cidr=10.0.0.0/8"],
            OptionKeys.StrictEgressCidr => ["--enable-ipsec", "--enable-encryption-strict-mode-egress"],
            _ => ["--enable-ipsec"],
        };

        OptionsLoadResult result;
        if (spelling.Contains('.', StringComparison.Ordinal))
        {
            var path = spelling.Split('.');
            var yaml = string.Concat(path.Select((part, i) => new string(' ', 2 * i) + part + ":" + (i == path.Length - 1 ? " " + value : "") + "\n"));
            result = Load.From(yaml, args: support);
        }
        else if (spelling.Contains('_', StringComparison.Ordinal))
        {
            result = Load.From(environment: Load.Dict((spelling, value)), args: support);
        }
        else
        {
            result = Load.From(directory: Load.Dict((spelling, value)), args: support);
        }

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result;
    }
}
