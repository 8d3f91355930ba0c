using System.Text.Json;
using System.Text.Json.Serialization;
using Encryption.Core.IO;
using Encryption.IPsec.Keys;
using Encryption.IPsec.Rotation;

namespace Encryption.IPsec.Backend;

/// <summary>
/// Keeps the key ring across agent restarts, so an agent killed in the middle of a rotation still holds the older key
/// its peers may be using and still knows when each key was superseded. One JSON file, mode 0600, written atomically;
/// it holds key material and is never logged.
/// </summary>
public sealed class KeyRingStore(string path)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public string Path { get; } = path;

    /// <summary>The stored ring, or null when there is none; a damaged file is reported through <paramref name="problem"/>.</summary>
    public KeyRing? Load(out string? problem)
    {
        problem = null;
        if (!File.Exists(Path))
            return null;
        try
        {
            var document = JsonSerializer.Deserialize<Document>(File.ReadAllBytes(Path), Json)
                ?? throw new JsonException("empty document");
            if (document.Keys.Count == 0)
                throw new JsonException("no keys");
            var entries = document.Keys.Select(k => new KeyRingEntry(KeyFileParser.ParseCurrent(k.Line, Path))
            {
                SupersededAt = k.SupersededAt,
                PeersMovedAt = k.PeersMovedAt,
            });
            return KeyRing.Empty with { Entries = [.. entries] };
        }
        catch (Exception e) when (e is JsonException or KeyFileException or IOException or NotSupportedException)
        {
            problem = $"the saved key ring {Path} is unreadable ({e.GetType().Name}); starting from the key file alone";
            return null;
        }
    }

    public async Task SaveAsync(KeyRing ring, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ring);
        var document = new Document
        {
            Keys = [.. ring.Entries.Select(e => new StoredKey { Line = KeyLineFormatter.Line(e.Key), SupersededAt = e.SupersededAt, PeersMovedAt = e.PeersMovedAt })],
        };
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
        await AtomicFile.WriteAsync(Path, JsonSerializer.SerializeToUtf8Bytes(document, Json), AtomicFile.Private, cancellationToken).ConfigureAwait(false);
    }

    private sealed class Document
    {
        public int Version { get; set; } = 1;

        public List<StoredKey> Keys { get; set; } = [];
    }

    private sealed class StoredKey
    {
        public string Line { get; set; } = "";

        public DateTimeOffset? SupersededAt { get; set; }

        public DateTimeOffset? PeersMovedAt { get; set; }
    }
}
