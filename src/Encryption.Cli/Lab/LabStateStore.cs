using System.Text.Json;

namespace Encryption.Cli.Lab;

/// <summary>Reads and writes <see cref="LabState"/> (write to a temporary file, then rename).</summary>
internal static class LabStateStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static LabState? Read(LabPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (!File.Exists(paths.StateFile))
            return null;
        try
        {
            return JsonSerializer.Deserialize<LabState>(File.ReadAllText(paths.StateFile), Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static void Write(LabPaths paths, LabState state)
    {
        ArgumentNullException.ThrowIfNull(paths);
        Directory.CreateDirectory(paths.Directory);
        var temporary = paths.StateFile + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(state, Json));
        File.Move(temporary, paths.StateFile, overwrite: true);
    }
}
