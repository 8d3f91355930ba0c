using System.Security.Cryptography;

// Unix file modes: this product runs on Linux only (netlink, UAPI sockets, netns).
#pragma warning disable CA1416

namespace Encryption.WireGuard.Keys;

/// <summary>
/// The node's private key on disk: raw 32 bytes (Cilium's format, file name <c>cilium_wg0.key</c>), mode 0600,
/// written atomically (temp file, fsync, rename, fsync of the directory). Unlike Cilium, whose state directory is on
/// tmpfs (<c>/var/run/cilium/state</c>) and so loses the key on every reboot, the default directory is persistent;
/// a key found only at the legacy Cilium path is adopted so a migrating node keeps its identity.
/// </summary>
public sealed class PrivateKeyFile
{
    public const string FileName = "cilium_wg0.key";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public PrivateKeyFile(string stateDirectory, string? legacyStateDirectory = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateDirectory);
        StateDirectory = stateDirectory;
        LegacyStateDirectory = legacyStateDirectory;
    }

    public string StateDirectory { get; }

    public string? LegacyStateDirectory { get; }

    public string Path => System.IO.Path.Combine(StateDirectory, FileName);

    /// <summary>What <see cref="LoadOrCreate"/> did.</summary>
    public enum Origin
    {
        Loaded,
        AdoptedLegacy,
        Generated,
    }

    /// <summary>
    /// Loads the key, or adopts the legacy Cilium key, or generates and persists a new one. A file that exists but is
    /// not exactly 32 bytes is an error (never silently replaced: peers know this node by its key).
    /// </summary>
    public (PrivateKey Key, Origin Origin) LoadOrCreate()
    {
        if (TryRead(Path) is { } existing)
            return (existing, Origin.Loaded);
        if (LegacyStateDirectory is not null && TryRead(System.IO.Path.Combine(LegacyStateDirectory, FileName)) is { } legacy)
        {
            Write(legacy);
            return (legacy, Origin.AdoptedLegacy);
        }

        var generated = PrivateKey.Generate();
        Write(generated);
        return (generated, Origin.Generated);
    }

    /// <summary>Generates a new key and atomically replaces the file with it. Same as: <c>wg genkey &gt; FILE</c>, done safely.</summary>
    public PrivateKey Rotate()
    {
        var key = PrivateKey.Generate();
        Write(key);
        return key;
    }

    /// <summary>Writes <paramref name="key"/> atomically with mode 0600.</summary>
    public void Write(PrivateKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Directory.CreateDirectory(StateDirectory, DirectoryMode);
        var temporary = Path + ".tmp-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            using (var stream = new FileStream(temporary, new FileStreamOptions
            {
                Mode = FileMode.Create,
                Access = FileAccess.Write,
                UnixCreateMode = OwnerOnly,
            }))
            {
                // UnixCreateMode only applies to new files; a leftover temp file keeps its mode, so set it again.
                File.SetUnixFileMode(stream.SafeFileHandle, OwnerOnly);
                stream.Write(key.Secret);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, Path, overwrite: true);
            Interop.Posix.SyncDirectory(StateDirectory);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    private static PrivateKey? TryRead(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }

        try
        {
            if (bytes.Length != PrivateKey.Size)
                throw new InvalidDataException($"{path}: incorrect key size {bytes.Length} (a WireGuard private key file holds exactly {PrivateKey.Size} raw bytes)");
            return PrivateKey.FromBytes(bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }
}
