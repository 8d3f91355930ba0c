namespace Encryption.Core.Tests.Configuration;

public class ValuesFileEdgeCaseTests
{
    [Fact]
    public void ADuplicateKeyIsAnErrorNotACrash()
    {
        var result = Load.From("encryption:\n  enabled: true\n  enabled: false\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal("(values file)", error.Key);
        Assert.Contains("not valid YAML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnchorsAndAliasesAreResolved()
    {
        var o = Load.Valid("""
            common: &dir /run/lab
            encryption:
              enabled: true
              ipsec:
                mountPath: *dir
            """);

        Assert.Equal("/run/lab", o.IPsec.MountPath);
    }

    [Fact]
    public void ATopLevelListIsAnError() =>
        Assert.Equal("the top level must be a mapping", Assert.Single(Load.From("- a\n- b\n").Errors).Message);

    [Fact]
    public void AnEmptyEncryptionSectionIsFine() => Assert.True(Load.From("encryption:\n").IsValid);

    [Fact]
    public void QuotedEmptyStringsAreValuesNotNulls()
    {
        var result = Load.From("encryption: { ipsec: { secretName: '' } }");

        Assert.True(result.IsValid);
        Assert.Equal("", result.Options!.IPsec.SecretName);
    }
}
