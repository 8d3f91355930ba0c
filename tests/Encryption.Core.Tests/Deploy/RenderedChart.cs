using System.Diagnostics;
using Encryption.Core.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Encryption.Core.Tests.Deploy;

/// <summary>
/// The chart rendered by <c>helm template</c> (tests/tools/helm-template/run.sh: the real helm when on PATH, else the
/// same engine, Go text/template with sprig), as parsed YAML documents.
/// </summary>
internal sealed class RenderedChart
{
    private RenderedChart(IReadOnlyList<YamlMappingNode> documents) => Documents = documents;

    public const string Release = "enc";
    public const string Namespace = "kube-system";

    public IReadOnlyList<YamlMappingNode> Documents { get; }

    public IEnumerable<string> Kinds => Documents.Select(d => Text(d, "kind") ?? "");

    /// <summary>Renders with <c>--set</c> expressions; a failed render throws with helm's error text.</summary>
    public static RenderedChart Render(params string[] sets)
    {
        var (exitCode, output, error) = Run(sets);
        if (exitCode != 0)
            throw new RenderFailedException(error.Trim());
        var stream = new YamlStream();
        stream.Load(new StringReader(output));
        return new RenderedChart(stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>().ToList());
    }

    /// <summary>The error text of a render expected to fail.</summary>
    public static string RenderError(params string[] sets)
    {
        var (exitCode, _, error) = Run(sets);
        Assert.True(exitCode != 0, "the render succeeded");
        return error;
    }

    public YamlMappingNode Single(string kind, string name) =>
        Assert.Single(Documents, d => Text(d, "kind") == kind && Text(d, "metadata.name") == name);

    public bool Has(string kind, string name) => Documents.Any(d => Text(d, "kind") == kind && Text(d, "metadata.name") == name);

    /// <summary>The scalar at a dotted path (<c>spec.template.spec.hostNetwork</c>), or null.</summary>
    public static string? Text(YamlNode node, string path) => At(node, path) is YamlScalarNode scalar ? scalar.Value : null;

    public static YamlNode? At(YamlNode node, string path) => HelmChart.At(node, path);

    public static IEnumerable<YamlMappingNode> Items(YamlNode node, string path) =>
        At(node, path) is YamlSequenceNode sequence ? sequence.Children.Cast<YamlMappingNode>() : [];

    /// <summary>The element of a named list (containers, env, volumes, volumeMounts) with this name.</summary>
    public static YamlMappingNode Named(YamlNode node, string path, string name) =>
        Assert.Single(Items(node, path), i => Text(i, "name") == name);

    private static (int ExitCode, string Output, string Error) Run(string[] sets)
    {
        var start = new ProcessStartInfo(Path.Join(Repository.Root(), "tests", "tools", "helm-template", "run.sh"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "template", Release, HelmChart.Directory, "--namespace", Namespace })
            start.ArgumentList.Add(argument);
        foreach (var set in sets)
        {
            start.ArgumentList.Add("--set");
            start.ArgumentList.Add(set);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        Assert.True(process.ExitCode != 127, $"helm template cannot run here: {error.Result}");
        return (process.ExitCode, output.Result, error.Result);
    }
}

internal sealed class RenderFailedException(string message) : Exception(message);
