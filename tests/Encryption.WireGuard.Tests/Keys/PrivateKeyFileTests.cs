using Encryption.WireGuard.Keys;

namespace Encryption.WireGuard.Tests.Keys;

public sealed class PrivateKeyFileTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "wgkeys-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void FirstStartGeneratesAKeyFileOfRawBytesWithMode0600()
    {
        var file = new PrivateKeyFile(Path.Combine(directory, "state"));
        var (key, origin) = file.LoadOrCreate();

        Assert.Equal(PrivateKeyFile.Origin.Generated, origin);
        Assert.Equal(key.Secret.ToArray(), File.ReadAllBytes(file.Path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file.Path));
        Assert.Equal("cilium_wg0.key", Path.GetFileName(file.Path));
        Assert.Empty(Directory.GetFiles(file.StateDirectory, "*.tmp-*"));
    }

    [Fact]
    public void RestartLoadsTheSameKey()
    {
        var (first, _) = new PrivateKeyFile(directory).LoadOrCreate();
        var (second, origin) = new PrivateKeyFile(directory).LoadOrCreate();

        Assert.Equal(PrivateKeyFile.Origin.Loaded, origin);
        Assert.True(first.SecretEquals(second));
    }

    [Fact]
    public void KeyFileOfTheWrongSizeIsAnErrorNotAReplacement()
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, PrivateKeyFile.FileName);
        File.WriteAllBytes(path, new byte[31]);

        var error = Assert.Throws<InvalidDataException>(() => new PrivateKeyFile(directory).LoadOrCreate());
        Assert.Contains("incorrect key size 31", error.Message);
        Assert.Equal(31, new FileInfo(path).Length);
    }

    [Fact]
    public void KeyAtTheLegacyCiliumPathIsAdoptedIntoThePersistentDirectory()
    {
        var legacy = Path.Combine(directory, "run-cilium-state");
        var (cilium, _) = new PrivateKeyFile(legacy).LoadOrCreate();
        var file = new PrivateKeyFile(Path.Combine(directory, "persistent"), legacy);

        var (adopted, origin) = file.LoadOrCreate();

        Assert.Equal(PrivateKeyFile.Origin.AdoptedLegacy, origin);
        Assert.Equal(cilium.PublicKey, adopted.PublicKey);
        Assert.Equal(cilium.Secret.ToArray(), File.ReadAllBytes(file.Path));
    }

    [Fact]
    public void RotationReplacesTheFileWithANewKey()
    {
        var file = new PrivateKeyFile(directory);
        var (old, _) = file.LoadOrCreate();
        File.SetUnixFileMode(file.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        var rotated = file.Rotate();

        Assert.NotEqual(old.PublicKey, rotated.PublicKey);
        Assert.Equal(rotated.Secret.ToArray(), File.ReadAllBytes(file.Path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file.Path));
        Assert.Equal(rotated.PublicKey, new PrivateKeyFile(directory).LoadOrCreate().Key.PublicKey);
    }
}
