using System.Collections.Immutable;

namespace Encryption.Core.Configuration;

/// <summary>One source's values after aliases are folded into their canonical keys.</summary>
public sealed record ResolvedLayer(
    OptionSourceKind Kind,
    ImmutableDictionary<string, OptionAssignment> Values,
    ImmutableArray<BackendSwitch> Switches,
    ImmutableArray<OptionProblem> Errors,
    ImmutableArray<OptionProblem> Warnings);

/// <summary>
/// Folds aliases within one source. The same key written twice under one spelling: the last one wins (as a repeated
/// flag does). Under two spellings (a deprecated alias and its new key): the same value warns, different values
/// are an error naming both. Every use of a deprecated alias warns.
/// </summary>
public static class LayerResolver
{
    public static ResolvedLayer Resolve(OptionLayer layer)
    {
        var errors = layer.Errors.ToBuilder();
        var warnings = layer.Warnings.ToBuilder();
        var values = ImmutableDictionary.CreateBuilder<string, OptionAssignment>(StringComparer.Ordinal);

        foreach (var group in layer.Assignments.GroupBy(a => a.Key, StringComparer.Ordinal))
        {
            var kind = OptionCatalog.Get(group.Key).Kind;
            var lastBySpelling = group.GroupBy(a => a.SpelledAs, StringComparer.Ordinal).Select(g => g.Last()).ToList();
            foreach (var alias in lastBySpelling.Where(a => a.Alias?.Kind == AliasKind.Deprecated))
            {
                warnings.Add(Problem(alias, $"deprecated ({alias.Alias!.Note}); use {NewSpelling(layer.Kind, group.Key)}"));
            }

            for (var i = 0; i < lastBySpelling.Count; i++)
            {
                for (var j = i + 1; j < lastBySpelling.Count; j++)
                {
                    var (a, b) = (lastBySpelling[i], lastBySpelling[j]);
                    if (!OptionValueParsers.SameValue(kind, a.Value, b.Value))
                        errors.Add(Problem(b, $"conflicts with {a.SpelledAs}='{a.Written}' ({a.Origin}); set only {NewSpelling(layer.Kind, group.Key)}"));
                }
            }

            values[group.Key] = lastBySpelling.LastOrDefault(a => a.Alias is null) ?? lastBySpelling[^1];
        }

        return new ResolvedLayer(layer.Kind, values.ToImmutable(), layer.Switches, errors.ToImmutable(), warnings.ToImmutable());
    }

    private static string NewSpelling(OptionSourceKind kind, string key)
    {
        var definition = OptionCatalog.Get(key);
        return kind switch
        {
            OptionSourceKind.ValuesFile => key,
            OptionSourceKind.Environment when definition.EnvironmentVariable is { } variable => variable,
            OptionSourceKind.CommandLine when definition.FlatKey is { } flat => "--" + flat,
            _ => definition.FlatKey ?? key,
        };
    }

    private static OptionProblem Problem(OptionAssignment a, string message) =>
        new(a.SpelledAs, a.Written, a.Origin.ToString(), message) { CanonicalKey = a.Key };
}
