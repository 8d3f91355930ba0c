using Encryption.Core.Configuration;
using Encryption.Core.Tests.Support;

namespace Encryption.Core.Tests.Configuration;

/// <summary>Loads options from in-memory sources, the way the agent would from real ones.</summary>
internal static class Load
{
    /// <summary>What every test node has unless a test says otherwise: a host name and an underlay address.</summary>
    public static readonly OptionLayer Baseline = new(OptionSourceKind.Default)
    {
        Assignments = [new OptionAssignment(OptionKeys.NodeIPv4, "192.168.100.1", OptionOrigin.Default)],
    };

    public static OptionsLoadResult From(
        string? yaml = null,
        IReadOnlyDictionary<string, string>? directory = null,
        IReadOnlyDictionary<string, string>? environment = null,
        string[]? args = null,
        string? hostname = "node-1")
    {
        using var temp = new TempDirectory();
        var layers = new List<OptionLayer> { Baseline };
        layers.Add(yaml is null ? OptionLayer.Empty(OptionSourceKind.ValuesFile) : ValuesYamlSource.Parse(yaml, "values.yaml"));
        if (directory is null)
        {
            layers.Add(OptionLayer.Empty(OptionSourceKind.ConfigDirectory));
        }
        else
        {
            foreach (var (name, content) in directory)
                temp.Write(name, content);
            layers.Add(ConfigDirectorySource.Read(temp.Path));
        }

        layers.Add(EnvironmentSource.Read(environment ?? new Dictionary<string, string>()));
        layers.Add(CommandLineSource.Parse(args ?? []).Layer);
        return OptionsLoader.Load(layers, hostname);
    }

    public static EncryptionOptions Valid(string? yaml = null, IReadOnlyDictionary<string, string>? directory = null,
        IReadOnlyDictionary<string, string>? environment = null, string[]? args = null)
    {
        var result = From(yaml, directory, environment, args);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Options!;
    }

    public static Dictionary<string, string> Dict(params (string Key, string Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Value);
}
