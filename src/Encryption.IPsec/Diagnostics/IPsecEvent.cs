using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Encryption.IPsec.Diagnostics;

/// <summary>
/// One thing the agent did or saw, from the <c>events</c> array of the <c>ipsec</c> object of its status:
/// <c>{"time": "2026-11-23T14:00:00Z", "kind": "rotation", "detail": "key 3 -> 4"}</c>. Details never hold key material.
/// </summary>
public sealed record IPsecEvent(DateTimeOffset Time, string Kind, string Detail)
{
    public const string Rotation = "rotation";
    public const string NodeAdded = "node-added";
    public const string NodeRemoved = "node-removed";
    public const string NodeChanged = "node-changed";
    public const string ReconcileFailed = "reconcile-failed";
    public const string KeyRefused = "key-refused";
    public const string KeyAdvertised = "key-advertised";
    public const string KeyRemoved = "key-removed";

    /// <summary>Reads the <c>events</c> array; entries without a parseable time or a kind are skipped. Sorted by time.</summary>
    public static ImmutableArray<IPsecEvent> ParseAll(JsonArray? events)
    {
        if (events is null)
            return [];
        var parsed = new List<IPsecEvent>();
        foreach (var entry in events.OfType<JsonObject>())
        {
            if (Text(entry["time"]) is not { } time
                || !DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when)
                || Text(entry["kind"]) is not { Length: > 0 } kind)
                continue;
            parsed.Add(new IPsecEvent(when, kind, Text(entry["detail"]) ?? ""));
        }

        return [.. parsed.OrderBy(e => e.Time)];
    }

    public JsonObject ToJson() => new()
    {
        ["time"] = Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
        ["kind"] = Kind,
        ["detail"] = Detail,
    };

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Time.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.FFF'Z'} {Kind}: {Detail}");

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;
}
