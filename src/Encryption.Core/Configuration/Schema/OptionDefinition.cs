using System.Collections.Immutable;

namespace Encryption.Core.Configuration;

/// <summary>
/// One option: its canonical key (the Helm path), how it parses, its default, and its flat name: the
/// <c>cilium-config</c> ConfigMap key, which is also the command-line flag (<c>--enable-ipsec</c>) and, upper-cased
/// with an <c>ENCRYPTION_</c> prefix, the environment variable.
/// </summary>
public sealed record OptionDefinition(string Key, OptionKind Kind, string Default, string Description)
{
    /// <summary>The ConfigMap key / flag name, or null if the option is only settable from a values file or <c>--set</c>.</summary>
    public string? FlatKey { get; init; }

    /// <summary>Accepted values of an <see cref="OptionKind.Enum"/>, canonical spelling first.</summary>
    public ImmutableArray<string> AllowedValues { get; init; } = [];

    /// <summary>True for options this product adds to Cilium's surface (say why in <see cref="Description"/>).</summary>
    public bool IsExtension { get; init; }

    /// <summary>When set, the option is accepted for compatibility but does nothing; a non-default value warns with this text.</summary>
    public string? NoEffect { get; init; }

    /// <summary>The environment variable for <see cref="FlatKey"/>, e.g. <c>ENCRYPTION_ENABLE_IPSEC</c>.</summary>
    public string? EnvironmentVariable => FlatKey is null ? null : FlatKeys.EnvironmentVariableFor(FlatKey);
}
