using Encryption.IPsec.Backend;
using Encryption.IPsec.Keys;
using Encryption.IPsec.Tests.Reconcile;

namespace Encryption.IPsec.Tests.Backend;

public sealed class KeyRingStoreTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("keyring-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task ARingWithASupersededKeyComesBackWithItsTimesAndMode0600()
    {
        var ring = DesiredSets.Ring(3, 4).MarkPeersMoved(_ => false, DesiredSets.T0.AddSeconds(5));
        var store = new KeyRingStore(Path.Combine(directory, "ring.json"));

        await store.SaveAsync(ring, CancellationToken.None);
        var loaded = store.Load(out var problem);

        Assert.Null(problem);
        Assert.NotNull(loaded);
        Assert.Equal(ring.Entries.Select(e => (e.Key.Spi, e.SupersededAt, e.PeersMovedAt)), loaded.Entries.Select(e => (e.Key.Spi, e.SupersededAt, e.PeersMovedAt)));
        Assert.Equal(ring.Entries.Select(e => e.Key.Algorithm), loaded.Entries.Select(e => e.Key.Algorithm));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.Path));
    }

    [Fact]
    public void ADamagedRingIsReportedWithoutItsContent()
    {
        var path = Path.Combine(directory, "ring.json");
        File.WriteAllText(path, "{\"keys\":[{\"line\":\"3+ rfc4106(gcm(aes)) 00112233445566778899aabbccddeeff0011223 128\"}]}");

        var loaded = new KeyRingStore(path).Load(out var problem);

        Assert.Null(loaded);
        Assert.NotNull(problem);
        Assert.DoesNotContain("0011223344", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void AFormattedLineParsesBackToTheSameKey()
    {
        foreach (var line in new[] { "7+ rfc4106(gcm(aes)) 44434241343332312423222114131211f4f3f2f1 128", "2+ hmac(sha256) 00112233445566778899aabbccddeeff cbc(aes) ffeeddccbbaa99887766554433221100" })
        {
            var key = KeyFileParser.ParseCurrent(line);
            Assert.Equal(key, KeyFileParser.ParseCurrent(KeyLineFormatter.Line(key)));
        }
    }
}
