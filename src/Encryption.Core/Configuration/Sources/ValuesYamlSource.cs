using System.Collections.Frozen;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Encryption.Core.Configuration;

/// <summary>
/// Reads a Helm values file. Keys under <c>encryption</c> and <c>agent</c> must be known (a typo is an error with a
/// suggestion); other sections (<c>cluster</c>, <c>clustermesh</c>, and anything else a full Cilium values file
/// holds) are read where known and otherwise ignored. A null value (<c>~</c>, empty) leaves the default.
/// </summary>
public static class ValuesYamlSource
{
    private static readonly FrozenSet<string> LeafKeys = OptionCatalog.All.Select(d => d.Key)
        .Concat(OptionCatalog.Aliases.Select(a => a.Spelling).Where(s => s.Contains('.', StringComparison.Ordinal)))
        .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Every proper prefix of a leaf or opaque key (<c>encryption</c>, <c>encryption.ipsec</c>, ...).</summary>
    private static readonly FrozenSet<string> Branches = LeafKeys.Concat(OptionCatalog.OpaqueKeys)
        .SelectMany(Prefixes)
        .ToFrozenSet(StringComparer.Ordinal);

    public static OptionLayer Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var builder = new OptionLayerBuilder(OptionSourceKind.ValuesFile);
            builder.Error(new OptionProblem("--values", path, "", $"cannot read the values file: {e.Message}"));
            return builder.Build();
        }

        return Parse(text, path);
    }

    /// <summary>Parses values-file text; <paramref name="location"/> names it in problems.</summary>
    public static OptionLayer Parse(string yaml, string location)
    {
        var layer = new OptionLayerBuilder(OptionSourceKind.ValuesFile);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            layer.Error(new OptionProblem("(values file)", "", $"values file {location}:{e.Start.Line}", $"not valid YAML: {e.Message}"));
            return layer.Build();
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
            return layer.Build();
        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            layer.Error(new OptionProblem("(values file)", "", $"values file {location}", "the top level must be a mapping"));
            return layer.Build();
        }

        foreach (var (keyNode, valueNode) in root.Children)
        {
            var name = KeyName(keyNode);
            if (Branches.Contains(name) || LeafKeys.Contains(name))
                Walk(layer, name, valueNode, location, strict: OptionCatalog.StrictSections.Contains(name));
        }

        return layer.Build();
    }

    private static void Walk(OptionLayerBuilder layer, string path, YamlNode node, string location, bool strict)
    {
        var origin = new OptionOrigin(OptionSourceKind.ValuesFile, $"{location}:{node.Start.Line}");
        if (OptionCatalog.OpaqueKeys.Contains(path))
            return;

        if (LeafKeys.Contains(path) && node is YamlSequenceNode sequence && IsList(path))
        {
            if (sequence.Children.Any(c => c is not YamlScalarNode))
            {
                layer.Error(new OptionProblem(path, Describe(node), origin.ToString(), "expected a list of single values") { CanonicalKey = path });
                return;
            }

            var joined = string.Join(',', sequence.Children.Cast<YamlScalarNode>().Select(s => s.Value));
            layer.Add(new OptionAssignment(path, joined, origin));
            return;
        }

        if (LeafKeys.Contains(path))
        {
            if (node is not YamlScalarNode scalar)
            {
                layer.Error(new OptionProblem(path, Describe(node), origin.ToString(), "expected a single value") { CanonicalKey = Canonical(path) });
                return;
            }

            if (IsNull(scalar))
                return;
            var value = scalar.Value ?? "";
            if (OptionCatalog.TryGetAlias(path, out var alias))
                layer.Add(new OptionAssignment(alias.Target, value, path, value, origin) { Alias = alias });
            else
                layer.Add(new OptionAssignment(path, value, origin));
            if (!Branches.Contains(path))
                return;
        }

        if (!Branches.Contains(path))
        {
            if (strict)
                layer.Error(new OptionProblem(path, Describe(node), origin.ToString(), UnknownKeyMessage(path)));
            return;
        }

        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (keyNode, valueNode) in mapping.Children)
                    Walk(layer, $"{path}.{KeyName(keyNode)}", valueNode, location, strict);
                break;
            case YamlScalarNode scalar when IsNull(scalar):
                break;
            default:
                if (!LeafKeys.Contains(path))
                    layer.Error(new OptionProblem(path, Describe(node), origin.ToString(), "expected a mapping"));
                break;
        }
    }

    private static bool IsList(string path) =>
        OptionCatalog.TryGet(path, out var definition) && definition.Kind is OptionKind.CidrList or OptionKind.IPAddressList;

    private static string KeyName(YamlNode key) => key is YamlScalarNode scalar ? scalar.Value ?? "" : Describe(key);

    private static string Canonical(string path) => OptionCatalog.TryGetAlias(path, out var alias) ? alias.Target : path;

    private static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    private static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode s => s.Value ?? "",
        YamlMappingNode => "{...}",
        YamlSequenceNode => "[...]",
        _ => "?",
    };

    private static string UnknownKeyMessage(string path)
    {
        var dot = path.LastIndexOf('.');
        var parent = path[..dot];
        var name = path[(dot + 1)..];
        var siblings = LeafKeys.Concat(Branches).Concat(OptionCatalog.OpaqueKeys)
            .Where(k => k.Length > dot && k.StartsWith(parent + ".", StringComparison.Ordinal) && k.IndexOf('.', dot + 1) < 0)
            .Select(k => k[(dot + 1)..])
            .Distinct(StringComparer.Ordinal);
        var suggestion = siblings
            .Select(s => (Name: s, Distance: string.Equals(s, name, StringComparison.OrdinalIgnoreCase) ? 0 : EditDistance(s, name)))
            .Where(s => s.Distance <= 2)
            .OrderBy(s => s.Distance)
            .ThenBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => s.Name)
            .FirstOrDefault();
        return suggestion is null ? "unknown key" : $"unknown key; did you mean {parent}.{suggestion}?";
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    private static IEnumerable<string> Prefixes(string key)
    {
        for (var i = key.IndexOf('.'); i >= 0; i = key.IndexOf('.', i + 1))
            yield return key[..i];
    }
}
