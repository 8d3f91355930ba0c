using Encryption.Core.Configuration;
using Encryption.Core.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Encryption.Core.Tests.Deploy;

public class HelmChartTests
{
    private static OptionsLoadResult LoadChartValues(params string[] args) => OptionsLoader.Load(
        [ValuesYamlSource.Read(HelmChart.ValuesPath), CommandLineSource.Parse(args).Layer],
        hostname: "node-1");

    [Fact]
    public void ValuesCarryEveryEncryptionOptionWithItsCatalogDefault()
    {
        var values = HelmChart.Values();

        Assert.All(OptionCatalog.All.Where(d => d.Key.StartsWith("encryption.", StringComparison.Ordinal)), d =>
        {
            var node = HelmChart.At(values, d.Key);
            Assert.True(node is YamlScalarNode, $"{d.Key} is not a value in values.yaml");
            var value = ((YamlScalarNode)node!).Value ?? "";
            Assert.True(value == d.Default, $"{d.Key}: values.yaml has '{value}', the catalog default is '{d.Default}'");
        });
    }

    [Fact]
    public void ValuesHoldNoDeprecatedAlias()
    {
        var values = HelmChart.Values();

        Assert.All(OptionCatalog.Aliases.Where(a => a.Spelling.Contains('.', StringComparison.Ordinal)),
            a => Assert.True(HelmChart.At(values, a.Spelling) is null, $"values.yaml sets the deprecated {a.Spelling}"));
    }

    [Fact]
    public void TheAgentLoadsTheChartValuesWithoutErrorsOrWarnings()
    {
        var result = LoadChartValues();

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Empty(result.Warnings);
        Assert.Equal(ClusterSourceKind.Kubernetes, result.Options!.Agent.ClusterSource);
    }

    [Fact]
    public void ChartValuesBindToTheCatalogDefaults()
    {
        var chart = OptionsFlattener.Flatten(LoadChartValues().GetOptionsOrThrow());
        var defaults = OptionsFlattener.Flatten(OptionsLoader.Load(
            [CommandLineSource.Parse(["--cluster-source=kubernetes"]).Layer], hostname: "node-1").GetOptionsOrThrow());

        Assert.Equal(
            defaults.Where(kv => kv.Key.StartsWith("encryption.", StringComparison.Ordinal)),
            chart.Where(kv => kv.Key.StartsWith("encryption.", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("ipsec")]
    [InlineData("wireguard")]
    [InlineData("ztunnel")]
    public void ChartValuesLoadWithEachBackendEnabled(string type)
    {
        var result = LoadChartValues("--set", "encryption.enabled=true", "--set", $"encryption.type={type}");

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.True(result.Options!.Enabled);
    }

    [Fact]
    public void RbacRulesAreExactlyTheRulesTheKubernetesReadmeLists()
    {
        var values = HelmChart.Values();
        var readme = ReadmeRules();
        var clusterRole = HelmChart.StaticPart(HelmChart.Template("clusterrole.yaml"), values);
        var role = HelmChart.StaticPart(HelmChart.Template("role.yaml"), values);

        Assert.Equal("ClusterRole", ((YamlScalarNode)clusterRole["kind"]).Value);
        Assert.Equal("Role", ((YamlScalarNode)role["kind"]).Value);
        Assert.Equal(
            readme.Where(r => !r.Contains("resources=secrets", StringComparison.Ordinal)).Order(StringComparer.Ordinal),
            Rules(clusterRole).Order(StringComparer.Ordinal));
        Assert.Equal(
            readme.Where(r => r.Contains("resources=secrets", StringComparison.Ordinal)).Order(StringComparer.Ordinal),
            Rules(role).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryKeyTheConfigMapRendersIsAKnownFlatKey()
    {
        var keys = HelmChart.DataKeys(HelmChart.Template("configmap.yaml"));
        var known = FlatKeys.Names.ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(keys);
        Assert.All(keys, k => Assert.True(known.Contains(k), $"the ConfigMap renders '{k}', which the agent does not know"));
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains("cluster-source", keys);
    }

    [Fact]
    public void TheConfigMapRendersEveryEncryptionOptionThatHasAFlatKey()
    {
        var keys = HelmChart.DataKeys(HelmChart.Template("configmap.yaml")).ToHashSet(StringComparer.Ordinal);

        Assert.All(
            OptionCatalog.All.Where(d => d.Key.StartsWith("encryption.", StringComparison.Ordinal) && d.FlatKey is not null),
            d => Assert.True(keys.Contains(d.FlatKey!), $"{d.Key} ({d.FlatKey}) never reaches the agent"));
        Assert.Superset(FlatKeys.Switches.Keys.Append(FlatKeys.IPsecKeyFile).ToHashSet(StringComparer.Ordinal), keys);
    }

    [Fact]
    public void TheDaemonSetMountsTheHostBootIdAndRendersItsPathAsBootIdFile()
    {
        var daemonSet = HelmChart.Template("daemonset.yaml");
        var helpers = HelmChart.Template("_helpers.tpl");
        var configMap = HelmChart.Template("configmap.yaml");

        Assert.Contains("path: /proc/sys/kernel/random/boot_id", daemonSet, StringComparison.Ordinal);
        Assert.Contains("mountPath: {{ include \"encryption.bootIdFile\" . }}", daemonSet, StringComparison.Ordinal);
        Assert.Contains("boot-id-file: {{ include \"encryption.bootIdFile\" . | quote }}", configMap, StringComparison.Ordinal);
        Assert.Contains("fieldPath: spec.nodeName", daemonSet, StringComparison.Ordinal);
        Assert.Contains($"name: {EnvironmentSource.ConfigDirectoryVariable}", daemonSet, StringComparison.Ordinal);
        Assert.Contains("/host/proc/sys/kernel/random/boot_id", helpers, StringComparison.Ordinal);
    }

    /// <summary>The rules of the YAML block under "RBAC the agent needs" in src/Encryption.Kubernetes/README.md.</summary>
    private static List<string> ReadmeRules()
    {
        var readme = File.ReadAllText(Path.Join(Repository.Root(), "src", "Encryption.Kubernetes", "README.md"));
        var section = readme[readme.IndexOf("## RBAC the agent needs", StringComparison.Ordinal)..];
        var start = section.IndexOf("```yaml", StringComparison.Ordinal) + "```yaml".Length;
        var block = section[start..section.IndexOf("```", start, StringComparison.Ordinal)];
        var stream = new YamlStream();
        stream.Load(new StringReader(block));
        return ((YamlSequenceNode)stream.Documents[0].RootNode).Children.Cast<YamlMappingNode>().Select(Rule).ToList();
    }

    private static IEnumerable<string> Rules(YamlMappingNode document) =>
        ((YamlSequenceNode)document["rules"]).Children.Cast<YamlMappingNode>().Select(Rule);

    /// <summary>A rule as comparable text: each field's values, sorted.</summary>
    private static string Rule(YamlMappingNode rule) => string.Join("; ",
        rule.Children
            .OrderBy(kv => ((YamlScalarNode)kv.Key).Value, StringComparer.Ordinal)
            .Select(kv => $"{((YamlScalarNode)kv.Key).Value}=" + string.Join(",",
                ((YamlSequenceNode)kv.Value).Children.Select(v => ((YamlScalarNode)v).Value).Order(StringComparer.Ordinal))));
}
