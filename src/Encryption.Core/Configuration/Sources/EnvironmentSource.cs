using System.Collections;

namespace Encryption.Core.Configuration;

/// <summary>
/// Reads <c>ENCRYPTION_&lt;FLAT_KEY&gt;</c> variables (<c>ENCRYPTION_ENABLE_IPSEC=true</c>) and the alternative
/// spellings in the catalog (<c>K8S_NODE_NAME</c>). An unknown <c>ENCRYPTION_*</c> variable is a warning, not an
/// error: the environment is shared with other programs.
/// </summary>
public static class EnvironmentSource
{
    /// <summary>Names the values file, like <c>--values</c>.</summary>
    public const string ValuesFileVariable = "ENCRYPTION_VALUES";

    /// <summary>Names the ConfigMap directory, like <c>--config-dir</c>.</summary>
    public const string ConfigDirectoryVariable = "ENCRYPTION_CONFIG_DIR";

    public static OptionLayer Read(IReadOnlyDictionary<string, string> environment)
    {
        var layer = new OptionLayerBuilder(OptionSourceKind.Environment);
        foreach (var (name, value) in environment.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (name is ValuesFileVariable or ConfigDirectoryVariable)
                continue;
            var origin = new OptionOrigin(OptionSourceKind.Environment, name);
            if (OptionCatalog.TryGetAlias(name, out var alias))
            {
                layer.Add(new OptionAssignment(alias.Target, value, name, value, origin) { Alias = alias });
                continue;
            }

            var flatKey = FlatKeys.FlatKeyForEnvironmentVariable(name);
            if (flatKey is not null && !FlatKeys.TryAdd(layer, flatKey, value, origin, spelledAs: name))
                layer.Warning(new OptionProblem(name, value, origin.ToString(), "unknown variable; ignored"));
        }

        return layer.Build();
    }

    /// <summary>Copies the process environment (the one impure step).</summary>
    public static IReadOnlyDictionary<string, string> FromProcess()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
            result[(string)entry.Key] = entry.Value as string ?? "";
        return result;
    }
}
