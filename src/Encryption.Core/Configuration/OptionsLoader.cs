using System.Collections.Immutable;

namespace Encryption.Core.Configuration;

/// <summary>
/// Loads options: reads the sources (values file &lt; config directory &lt; environment &lt; command line), folds
/// aliases per source, merges, binds and validates, collecting every error and warning.
/// </summary>
/// <example><code>
/// var result = OptionsLoader.Load(OptionsSources.FromProcess(args));
/// foreach (var w in result.Warnings) OptionsLog.Warning(logger, w.ToString());
/// var options = result.GetOptionsOrThrow();
/// </code></example>
public static class OptionsLoader
{
    public static OptionsLoadResult Load(OptionsSources sources)
    {
        var commandLine = CommandLineSource.Parse(sources.Arguments);
        var valuesFile = sources.ValuesFile ?? commandLine.ValuesFile ?? sources.Environment.GetValueOrDefault(EnvironmentSource.ValuesFileVariable);
        var configDirectory = sources.ConfigDirectory ?? commandLine.ConfigDirectory ?? sources.Environment.GetValueOrDefault(EnvironmentSource.ConfigDirectoryVariable);

        return Load(
            [
                string.IsNullOrEmpty(valuesFile) ? OptionLayer.Empty(OptionSourceKind.ValuesFile) : ValuesYamlSource.Read(valuesFile),
                string.IsNullOrEmpty(configDirectory) ? OptionLayer.Empty(OptionSourceKind.ConfigDirectory) : ConfigDirectorySource.Read(configDirectory),
                EnvironmentSource.Read(sources.Environment),
                commandLine.Layer,
            ],
            sources.Hostname);
    }

    /// <summary>Merges layers already read, in the order given (pure).</summary>
    public static OptionsLoadResult Load(IEnumerable<OptionLayer> layers, string? hostname)
    {
        var resolved = layers.Select(LayerResolver.Resolve).ToList();
        var (merged, mergeErrors) = OptionsMerger.Merge(resolved);
        var context = new ValidationContext(merged);
        var options = OptionsBinder.Bind(context, hostname);
        foreach (var rule in OptionsRules.All)
            rule.Check(options, context);

        var errors = resolved.SelectMany(l => l.Errors).Concat(mergeErrors).Concat(context.Errors).ToImmutableArray();
        var warnings = resolved.SelectMany(l => l.Warnings).Concat(context.Warnings).ToImmutableArray();
        return new OptionsLoadResult(errors.IsEmpty ? options : null, errors, warnings, merged);
    }
}
