namespace Encryption.Core.Configuration;

/// <summary>Where options come from, in merge order: a later source overrides an earlier one.</summary>
public enum OptionSourceKind
{
    Default,
    ValuesFile,
    ConfigDirectory,
    Environment,
    CommandLine,
}

/// <summary>Where one value was written: the source and a location inside it (file and line, file name, variable).</summary>
public sealed record OptionOrigin(OptionSourceKind Kind, string Location)
{
    public static readonly OptionOrigin Default = new(OptionSourceKind.Default, "");

    public override string ToString() => Kind switch
    {
        OptionSourceKind.Default => "default",
        OptionSourceKind.ValuesFile => $"values file {Location}",
        OptionSourceKind.ConfigDirectory => $"config directory file {Location}",
        OptionSourceKind.Environment => $"environment variable {Location}",
        OptionSourceKind.CommandLine => "command line",
        _ => Location,
    };
}
