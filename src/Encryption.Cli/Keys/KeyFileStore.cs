using System.Text;
using Encryption.Core.IO;

namespace Encryption.Cli.Keys;

/// <summary>The key file (the agent's <c>--ipsec-key-file</c>, <c>/etc/ipsec/keys</c> in a pod), written atomically with mode 0600.</summary>
internal sealed class KeyFileStore(string path) : IKeyStore
{
    public const string DefaultPath = "/etc/ipsec/keys";

    public string Path { get; } = path;

    public string Name => $"file {Path}";

    public async Task<StoredKeys?> ReadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Path))
            return null;
        var text = await File.ReadAllTextAsync(Path, cancellationToken).ConfigureAwait(false);
        return new StoredKeys(text, null, File.GetUnixFileMode(Path));
    }

    public Task CreateAsync(string text, CancellationToken cancellationToken)
    {
        if (File.Exists(Path))
            throw new KeyStoreException($"{Path} exists: rotate it with `encrypt keys rotate --file {Path}`");
        return WriteAsync(text, cancellationToken);
    }

    public Task ReplaceAsync(string text, StoredKeys read, CancellationToken cancellationToken) => WriteAsync(text, cancellationToken);

    private Task WriteAsync(string text, CancellationToken cancellationToken) =>
        AtomicFile.WriteAsync(Path, Encoding.UTF8.GetBytes(text), AtomicFile.Private, cancellationToken);

    public void Dispose()
    {
    }
}
