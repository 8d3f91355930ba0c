using Encryption.Core.IO;
using Encryption.Core.Tests.Support;

namespace Encryption.Core.Tests.IO;

public sealed class AtomicFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task WriteCreatesTheFileWithTheGivenModeAndLeavesNoTempFile()
    {
        var path = _dir.Combine("sub", "wg.key");

        await AtomicFile.WriteAsync(path, "secret"u8.ToArray(), AtomicFile.Private, CancellationToken.None);

        Assert.Equal("secret", File.ReadAllText(path));
        if (OperatingSystem.IsLinux())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(["wg.key"], Directory.GetFiles(_dir.Combine("sub")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task WriteReplacesAnExistingFile()
    {
        var path = _dir.Write("doc.json", "old content that is longer");

        await AtomicFile.WriteAsync(path, "new"u8.ToArray(), AtomicFile.Shared, CancellationToken.None);

        Assert.Equal("new", File.ReadAllText(path));
    }

    [Fact]
    public async Task ACancelledWriteLeavesTheOldFileAndNoTempFile()
    {
        var path = _dir.Write("doc.json", "old");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AtomicFile.WriteAsync(path, "new"u8.ToArray(), AtomicFile.Shared, cancelled.Token));

        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(["doc.json"], Directory.GetFiles(_dir.Path).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData(".n1.json.0123abcd.tmp", true)]
    [InlineData("n1.json", false)]
    [InlineData(".hidden", false)]
    public void TempFilesAreRecognisable(string name, bool temporary) => Assert.Equal(temporary, AtomicFile.IsTemporary(name));
}
