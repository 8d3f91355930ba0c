using System.Collections.Frozen;
using Encryption.Core.Backends;

namespace Encryption.Core.Configuration;

/// <summary>
/// The flat key space shared by the ConfigMap directory, the environment and the command line: Cilium's
/// <c>cilium-config</c> keys (operations.md §1.2). Most map to one canonical key; the backend switches
/// (<c>enable-ipsec</c>, <c>enable-wireguard</c>, <c>enable-ztunnel</c>) and <c>ipsec-key-file</c> are special.
/// </summary>
public static class FlatKeys
{
    public const string EnableIPsec = "enable-ipsec";
    public const string EnableWireGuard = "enable-wireguard";
    public const string EnableZtunnel = "enable-ztunnel";

    /// <summary>The full key path; the chart renders <c>&lt;mountPath&gt;/&lt;keyFile&gt;</c>.</summary>
    public const string IPsecKeyFile = "ipsec-key-file";

    /// <summary>
    /// The product's shorthand <c>backend=none|ipsec|wireguard|ztunnel</c>: an explicit choice, like
    /// <c>--set encryption.type=...</c>, so it replaces rather than conflicts with what earlier sources enabled.
    /// </summary>
    public const string Backend = "backend";

    public const string EnvironmentPrefix = "ENCRYPTION_";

    /// <summary>The backend each <c>enable-*</c> switch turns on.</summary>
    public static readonly FrozenDictionary<string, EncryptionType> Switches = new Dictionary<string, EncryptionType>
    {
        [EnableIPsec] = EncryptionType.IPsec,
        [EnableWireGuard] = EncryptionType.WireGuard,
        [EnableZtunnel] = EncryptionType.Ztunnel,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, OptionDefinition> ByFlatKey = OptionCatalog.All
        .Where(d => d.FlatKey is not null)
        .ToFrozenDictionary(d => d.FlatKey!, StringComparer.Ordinal);

    /// <summary><c>enable-ipsec</c> → <c>ENCRYPTION_ENABLE_IPSEC</c>.</summary>
    public static string EnvironmentVariableFor(string flatKey) =>
        EnvironmentPrefix + flatKey.Replace('-', '_').ToUpperInvariant();

    /// <summary><c>ENCRYPTION_ENABLE_IPSEC</c> → <c>enable-ipsec</c>; null without the prefix.</summary>
    public static string? FlatKeyForEnvironmentVariable(string name) =>
        name.StartsWith(EnvironmentPrefix, StringComparison.Ordinal) && name.Length > EnvironmentPrefix.Length
            ? name[EnvironmentPrefix.Length..].Replace('_', '-').ToLowerInvariant()
            : null;

    /// <summary>All flat keys: definitions, switches, <c>ipsec-key-file</c> and flat aliases.</summary>
    public static IEnumerable<string> Names =>
        ByFlatKey.Keys.Concat(Switches.Keys).Append(IPsecKeyFile).Append(Backend)
            .Concat(OptionCatalog.Aliases.Where(a => IsFlatSpelling(a.Spelling)).Select(a => a.Spelling));

    /// <summary>Whether a flat key takes a boolean (so a bare <c>--flag</c> means true).</summary>
    public static bool IsBoolean(string flatKey)
    {
        if (Switches.ContainsKey(flatKey))
            return true;
        if (ByFlatKey.TryGetValue(flatKey, out var definition))
            return definition.Kind == OptionKind.Boolean;
        return OptionCatalog.TryGetAlias(flatKey, out var alias) && OptionCatalog.Get(alias.Target).Kind == OptionKind.Boolean;
    }

    /// <summary>
    /// Adds what <paramref name="flatKey"/>=<paramref name="value"/> means to <paramref name="layer"/>. Returns false for
    /// a key this product does not know (a full <c>cilium-config</c> holds many).
    /// </summary>
    public static bool TryAdd(OptionLayerBuilder layer, string flatKey, string value, OptionOrigin origin, string? spelledAs = null)
    {
        spelledAs ??= flatKey;
        if (Switches.TryGetValue(flatKey, out var type))
        {
            layer.AddSwitch(new BackendSwitch(type, value, spelledAs, origin));
            return true;
        }

        if (flatKey == Backend)
        {
            var name = value.Trim().ToLowerInvariant();
            if (name is "none" or "disabled")
            {
                layer.Add(new OptionAssignment(OptionKeys.Enabled, "false", spelledAs, value, origin));
            }
            else if (OptionValueParsers.MatchEnum(name, OptionCatalog.Get(OptionKeys.BackendType).AllowedValues) is { } backendType)
            {
                layer.Add(new OptionAssignment(OptionKeys.Enabled, "true", spelledAs, value, origin));
                layer.Add(new OptionAssignment(OptionKeys.BackendType, backendType, spelledAs, value, origin));
            }
            else
            {
                layer.Error(new OptionProblem(spelledAs, value, origin.ToString(), "must be one of none, ipsec, wireguard, ztunnel") { CanonicalKey = OptionKeys.BackendType });
            }

            return true;
        }

        if (flatKey == IPsecKeyFile)
        {
            // The chart renders mountPath + "/" + keyFile; split it back so each Helm key keeps its meaning.
            var slash = value.LastIndexOf('/');
            var directory = slash switch
            {
                < 0 => null,
                0 => "/",
                _ => value[..slash],
            };
            if (directory is not null)
                layer.Add(new OptionAssignment(OptionKeys.IPsecMountPath, directory, spelledAs, value, origin));
            layer.Add(new OptionAssignment(OptionKeys.IPsecKeyFile, value[(slash + 1)..], spelledAs, value, origin));
            return true;
        }

        if (ByFlatKey.TryGetValue(flatKey, out var definition))
        {
            layer.Add(new OptionAssignment(definition.Key, value, spelledAs, value, origin));
            return true;
        }

        if (OptionCatalog.TryGetAlias(flatKey, out var alias) && IsFlatSpelling(alias.Spelling))
        {
            layer.Add(new OptionAssignment(alias.Target, value, spelledAs, value, origin) { Alias = alias });
            return true;
        }

        return false;
    }

    private static bool IsFlatSpelling(string spelling) => !spelling.Contains('.', StringComparison.Ordinal) && !spelling.Contains('_', StringComparison.Ordinal);
}
