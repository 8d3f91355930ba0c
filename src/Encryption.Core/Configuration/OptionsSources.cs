namespace Encryption.Core.Configuration;

/// <summary>
/// The inputs to <see cref="OptionsLoader"/>. The values file and config directory may also be named on the command
/// line (<c>--values</c>, <c>--config-dir</c>) or in the environment (<c>ENCRYPTION_VALUES</c>,
/// <c>ENCRYPTION_CONFIG_DIR</c>); a property set here wins over both.
/// </summary>
public sealed record OptionsSources
{
    public string? ValuesFile { get; init; }

    public string? ConfigDirectory { get; init; }

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>The node name when none is configured.</summary>
    public string? Hostname { get; init; }

    /// <summary>This process's arguments, environment and host name.</summary>
    public static OptionsSources FromProcess(IReadOnlyList<string> arguments) => new()
    {
        Arguments = arguments,
        Environment = EnvironmentSource.FromProcess(),
        Hostname = System.Environment.MachineName.ToLowerInvariant(),
    };
}
