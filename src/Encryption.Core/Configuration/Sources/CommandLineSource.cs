namespace Encryption.Core.Configuration;

/// <summary>What the command line says: its option layer and where the other sources are.</summary>
public sealed record CommandLine(OptionLayer Layer, string? ValuesFile, string? ConfigDirectory);

/// <summary>
/// Parses the agent's option flags, pflag style: <c>--flat-key=value</c> or <c>--flat-key value</c>; a boolean flag
/// alone means true and takes a value only with <c>=</c>. <c>--set helm.path=value</c> sets any key by its Helm
/// path, as <c>helm --set</c> does. <c>--values FILE</c> and <c>--config-dir DIR</c> name the other sources.
/// Anything else is an error: the caller removes its own flags first.
/// </summary>
public static class CommandLineSource
{
    public const string ValuesFlag = "--values";
    public const string ConfigDirectoryFlag = "--config-dir";
    public const string SetFlag = "--set";

    public static CommandLine Parse(IReadOnlyList<string> arguments)
    {
        var layer = new OptionLayerBuilder(OptionSourceKind.CommandLine);
        var origin = new OptionOrigin(OptionSourceKind.CommandLine, "");
        string? valuesFile = null;
        string? configDirectory = null;

        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            if (!argument.StartsWith("--", StringComparison.Ordinal) || argument.Length == 2)
            {
                layer.Error(new OptionProblem(argument, "", origin.ToString(), "unexpected argument: options are given as --name=value"));
                continue;
            }

            var equals = argument.IndexOf('=', StringComparison.Ordinal);
            var flag = equals < 0 ? argument : argument[..equals];
            var name = flag[2..];
            string? inlineValue = equals < 0 ? null : argument[(equals + 1)..];

            if (flag is ValuesFlag or ConfigDirectoryFlag or SetFlag || !FlatKeys.IsBoolean(name))
            {
                if (inlineValue is null && !IsKnown(flag, name))
                {
                    layer.Error(new OptionProblem(flag, "", origin.ToString(), "unknown flag"));
                    continue;
                }

                var value = inlineValue ?? (i + 1 < arguments.Count ? arguments[++i] : null);
                if (value is null)
                {
                    layer.Error(new OptionProblem(flag, "", origin.ToString(), "needs a value"));
                    continue;
                }

                switch (flag)
                {
                    case ValuesFlag:
                        valuesFile = value;
                        break;
                    case ConfigDirectoryFlag:
                        configDirectory = value;
                        break;
                    case SetFlag:
                        AddSet(layer, value, origin);
                        break;
                    default:
                        if (!FlatKeys.TryAdd(layer, name, value, origin, spelledAs: flag))
                            layer.Error(new OptionProblem(flag, value, origin.ToString(), "unknown flag"));
                        break;
                }

                continue;
            }

            FlatKeys.TryAdd(layer, name, inlineValue ?? "true", origin, spelledAs: flag);
        }

        return new CommandLine(layer.Build(), valuesFile, configDirectory);
    }

    private static bool IsKnown(string flag, string name) =>
        flag is ValuesFlag or ConfigDirectoryFlag or SetFlag || FlatKeys.Names.Contains(name, StringComparer.Ordinal);

    private static void AddSet(OptionLayerBuilder layer, string assignment, OptionOrigin origin)
    {
        var equals = assignment.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            layer.Error(new OptionProblem(SetFlag, assignment, origin.ToString(), "expected --set key=value"));
            return;
        }

        var key = assignment[..equals];
        var value = assignment[(equals + 1)..];
        if (OptionCatalog.TryGet(key, out _))
            layer.Add(new OptionAssignment(key, value, key, value, origin));
        else if (OptionCatalog.TryGetAlias(key, out var alias) && key.Contains('.', StringComparison.Ordinal))
            layer.Add(new OptionAssignment(alias.Target, value, key, value, origin) { Alias = alias });
        else
            layer.Error(new OptionProblem(key, value, origin.ToString(), "unknown key for --set"));
    }
}
