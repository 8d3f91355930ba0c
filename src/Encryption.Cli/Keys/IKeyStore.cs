namespace Encryption.Cli.Keys;

/// <summary>What a key store holds: the key file text, the version it was read at, and (files) its permissions.</summary>
internal sealed record StoredKeys(string Text, string? Version, UnixFileMode? Mode);

/// <summary>Where <c>encrypt keys</c> reads and writes the IPsec key line: a file, or the Kubernetes Secret.</summary>
internal interface IKeyStore : IDisposable
{
    /// <summary>How to name the store in messages, e.g. <c>file /etc/ipsec/keys</c>.</summary>
    string Name { get; }

    /// <summary>The current content, or null when the store does not exist yet.</summary>
    Task<StoredKeys?> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Creates the store with <paramref name="text"/>; <see cref="KeyStoreException"/> if it exists.</summary>
    Task CreateAsync(string text, CancellationToken cancellationToken);

    /// <summary>Replaces the content read as <paramref name="read"/>; <see cref="KeyStoreException"/> if it changed meanwhile.</summary>
    Task ReplaceAsync(string text, StoredKeys read, CancellationToken cancellationToken);
}

/// <summary>A store refused an operation; the message names the store and never holds key material.</summary>
internal sealed class KeyStoreException : Exception
{
    public KeyStoreException(string message) : base(message) { }

    public KeyStoreException(string message, Exception inner) : base(message, inner) { }

    public KeyStoreException() { }
}
