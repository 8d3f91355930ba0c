using System.Text;
using System.Text.RegularExpressions;
using Encryption.Core.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Encryption.Core.Tests.Deploy;

/// <summary>
/// The chart in deploy/helm/encryption, read as files: <c>helm</c> is not available to the tests, so templates are
/// read as text and their static parts parsed as YAML.
/// </summary>
internal static partial class HelmChart
{
    public static string Directory => Path.Join(Repository.Root(), "deploy", "helm", "encryption");

    public static string ValuesPath => Path.Join(Directory, "values.yaml");

    public static string Template(string name) => File.ReadAllText(Path.Join(Directory, "templates", name));

    public static YamlMappingNode Values()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(ValuesPath)));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    /// <summary>The node at a dotted path (<c>encryption.ipsec.keyFile</c>), or null.</summary>
    public static YamlNode? At(YamlNode root, string path)
    {
        YamlNode? node = root;
        foreach (var segment in path.Split('.'))
        {
            if (node is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(segment), out node))
                return null;
        }

        return node;
    }

    /// <summary>
    /// The static YAML of a template: lines that are only actions (<c>{{- if ... }}</c>, <c>{{- include ... | nindent 4 }}</c>)
    /// are dropped; an inline <c>{{ .Values.a.b }}</c> (optionally <c>| quote</c>) becomes the value from values.yaml,
    /// any other inline action the word <c>templated</c>.
    /// </summary>
    public static YamlMappingNode StaticPart(string template, YamlMappingNode values)
    {
        var text = new StringBuilder();
        foreach (var line in template.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith("{{", StringComparison.Ordinal) && trimmed.EndsWith("}}", StringComparison.Ordinal))
                continue;
            text.AppendLine(Action().Replace(line, m =>
            {
                if (!m.Groups["path"].Success)
                    return "templated";
                var value = (At(values, m.Groups["path"].Value) as YamlScalarNode)?.Value ?? "";
                return m.Groups["quote"].Success ? $"\"{value}\"" : value;
            }));
        }

        var stream = new YamlStream();
        stream.Load(new StringReader(text.ToString()));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    /// <summary>The literal keys of the template's <c>data:</c> section (two-space indented, not templated).</summary>
    public static IReadOnlyList<string> DataKeys(string template)
    {
        var keys = new List<string>();
        var inData = false;
        foreach (var line in template.Split('\n'))
        {
            if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                inData = true;
                continue;
            }

            if (!inData)
                continue;
            if (line.Length > 0 && !char.IsWhiteSpace(line[0]) && !line.StartsWith("{{", StringComparison.Ordinal))
                break;
            var match = DataKey().Match(line);
            if (match.Success)
                keys.Add(match.Groups[1].Value);
        }

        return keys;
    }

    [GeneratedRegex(@"\{\{-?\s*(?:\.Values\.(?<path>[A-Za-z0-9_.]+)\s*(?<quote>\|\s*quote\s*)?|[^}]*)-?\}\}")]
    private static partial Regex Action();

    [GeneratedRegex(@"^  ([a-z0-9][a-z0-9-]*):")]
    private static partial Regex DataKey();
}
