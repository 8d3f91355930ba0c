namespace Encryption.Ztunnel.Secrets;

/// <summary>One PEM block: its label (CERTIFICATE, PRIVATE KEY, ...) and the decoded DER bytes.</summary>
public sealed record PemBlock(string Label, byte[] Der);

/// <summary>Reads PEM files the way Cilium's loader bounds them: at most 1 MiB, at least one block.</summary>
public static class PemFile
{
    public const int MaxFileSize = 1024 * 1024;

    public static IReadOnlyList<PemBlock> Read(string path)
    {
        string text;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
                throw new SecretFileException(path, "file does not exist");
            if (info.Length > MaxFileSize)
                throw new SecretFileException(path, $"file is {info.Length} bytes, more than the 1 MiB limit");
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SecretFileException(path, $"cannot read file ({e.GetType().Name})");
        }

        var blocks = Parse(text);
        if (blocks.Count == 0)
            throw new SecretFileException(path, text.Trim().Length == 0 ? "file is empty" : "no PEM block found (expected -----BEGIN ...-----)");
        return blocks;
    }

    public static IReadOnlyList<PemBlock> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var blocks = new List<PemBlock>();
        var remaining = text.AsMemory();
        while (System.Security.Cryptography.PemEncoding.TryFind(remaining.Span, out var fields))
        {
            var span = remaining.Span;
            var label = span[fields.Label].ToString();
            var der = Convert.FromBase64String(span[fields.Base64Data].ToString());
            blocks.Add(new PemBlock(label, der));
            remaining = remaining[fields.Location.End..];
        }

        return blocks;
    }
}
