namespace Encryption.Core.Configuration;

/// <summary>
/// Reads a ConfigMap mounted as a directory: one file per flat key (<c>enable-ipsec</c>, <c>ipsec-key-file</c>, ...),
/// the value being the file's content with surrounding whitespace trimmed. Hidden entries (Kubernetes'
/// <c>..data</c> links) are skipped; keys this product does not know are ignored, as a full <c>cilium-config</c>
/// holds many.
/// </summary>
public static class ConfigDirectorySource
{
    public static OptionLayer Read(string directory)
    {
        var layer = new OptionLayerBuilder(OptionSourceKind.ConfigDirectory);
        IEnumerable<string> files;
        try
        {
            files = Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            layer.Error(new OptionProblem("--config-dir", directory, "", $"cannot read the config directory: {e.Message}"));
            return layer.Build();
        }

        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            if (name.StartsWith('.'))
                continue;
            var origin = new OptionOrigin(OptionSourceKind.ConfigDirectory, file);
            string value;
            try
            {
                value = File.ReadAllText(file).Trim();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                layer.Error(new OptionProblem(name, "", origin.ToString(), $"cannot read: {e.Message}"));
                continue;
            }

            FlatKeys.TryAdd(layer, name, value, origin);
        }

        return layer.Build();
    }
}
