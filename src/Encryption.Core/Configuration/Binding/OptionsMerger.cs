using System.Collections.Immutable;
using Encryption.Core.Backends;

namespace Encryption.Core.Configuration;

/// <summary>
/// Merges resolved layers in order; a later layer's value replaces an earlier one's. The flat backend switches are
/// applied after each layer's plain values, Cilium style: <c>enable-X=true</c> sets <c>encryption.enabled=true</c>
/// and <c>encryption.type=X</c>, but if another backend is already enabled (by this or an earlier layer) that is the
/// "X cannot be used with Y" error; <c>enable-X=false</c> turns encryption off only if X is the enabled backend.
/// To switch backends across layers use <c>enable-Y=false</c> first, or <c>--set encryption.type=X</c>.
/// </summary>
public static class OptionsMerger
{
    public static (MergedOptions Merged, ImmutableArray<OptionProblem> Errors) Merge(IEnumerable<ResolvedLayer> layers)
    {
        var values = ImmutableDictionary.CreateBuilder<string, OptionAssignment>(StringComparer.Ordinal);
        var errors = ImmutableArray.CreateBuilder<OptionProblem>();
        foreach (var layer in layers)
        {
            foreach (var (key, assignment) in layer.Values)
                values[key] = assignment;
            ApplySwitches(layer.Switches, values, errors);
        }

        return (new MergedOptions(values.ToImmutable()), errors.ToImmutable());
    }

    private static void ApplySwitches(
        ImmutableArray<BackendSwitch> switches,
        ImmutableDictionary<string, OptionAssignment>.Builder values,
        ImmutableArray<OptionProblem>.Builder errors)
    {
        var on = new List<BackendSwitch>();
        foreach (var s in switches.GroupBy(s => s.Type).Select(g => g.Last()))
        {
            if (!OptionValueParsers.TryParseBoolean(s.Value, out var enabled))
            {
                errors.Add(Problem(s, "not a boolean (true or false)"));
                continue;
            }

            if (enabled)
                on.Add(s);
            else if (EnabledBackend(values) == s.Type)
                values[OptionKeys.Enabled] = new OptionAssignment(OptionKeys.Enabled, "false", s.SpelledAs, s.Value, s.Origin);
        }

        if (on.Count > 1)
        {
            foreach (var s in on.Skip(1))
                errors.Add(Problem(s, $"cannot be used with {on[0].SpelledAs}='{on[0].Value}' ({on[0].Origin}): {Exclusive(s.Type, on[0].Type)}"));
            return;
        }

        if (on.Count == 0)
            return;
        var switchOn = on[0];
        var current = EnabledBackend(values);
        if (current is { } other && other != switchOn.Type)
        {
            var cause = values[OptionKeys.BackendType];
            errors.Add(Problem(switchOn, $"cannot be used with {cause.SpelledAs}='{cause.Written}' ({cause.Origin}), which enables {Name(other)}: {Exclusive(switchOn.Type, other)}"));
            return;
        }

        values[OptionKeys.Enabled] = new OptionAssignment(OptionKeys.Enabled, "true", switchOn.SpelledAs, switchOn.Value, switchOn.Origin);
        values[OptionKeys.BackendType] = new OptionAssignment(OptionKeys.BackendType, TypeValue(switchOn.Type), switchOn.SpelledAs, switchOn.Value, switchOn.Origin);
    }

    /// <summary>The backend the merged values enable so far, or null.</summary>
    private static EncryptionType? EnabledBackend(ImmutableDictionary<string, OptionAssignment>.Builder values)
    {
        if (!values.TryGetValue(OptionKeys.Enabled, out var enabled) || !OptionValueParsers.TryParseBoolean(enabled.Value, out var on) || !on)
            return null;
        var type = values.TryGetValue(OptionKeys.BackendType, out var t) ? t.Value : OptionCatalog.Get(OptionKeys.BackendType).Default;
        return ParseType(type);
    }

    public static EncryptionType? ParseType(string value) => OptionValueParsers.MatchEnum(value, OptionCatalog.Get(OptionKeys.BackendType).AllowedValues) switch
    {
        "ipsec" => EncryptionType.IPsec,
        "wireguard" => EncryptionType.WireGuard,
        "ztunnel" => EncryptionType.Ztunnel,
        _ => null,
    };

    public static string TypeValue(EncryptionType type) => type switch
    {
        EncryptionType.IPsec => "ipsec",
        EncryptionType.WireGuard => "wireguard",
        EncryptionType.Ztunnel => "ztunnel",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a backend"),
    };

    private static string Name(EncryptionType type) => type switch
    {
        EncryptionType.IPsec => "IPsec",
        EncryptionType.WireGuard => "WireGuard",
        EncryptionType.Ztunnel => "ztunnel",
        _ => "no encryption",
    };

    private static string Exclusive(EncryptionType a, EncryptionType b) => $"{Name(a)} and {Name(b)} are mutually exclusive";

    private static OptionProblem Problem(BackendSwitch s, string message) =>
        new(s.SpelledAs, s.Value, s.Origin.ToString(), message) { CanonicalKey = OptionKeys.BackendType };
}
