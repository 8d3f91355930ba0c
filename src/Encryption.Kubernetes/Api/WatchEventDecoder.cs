using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Encryption.Kubernetes.Models;

namespace Encryption.Kubernetes.Api;

/// <summary>Decodes one line of a watch stream: <c>{"type":"MODIFIED","object":{...}}</c>.</summary>
public static class WatchEventDecoder
{
    public static WatchEvent<T> Decode<T>(string line, JsonTypeInfo<T> objectInfo)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(objectInfo);
        var raw = JsonSerializer.Deserialize(line, KubernetesJsonContext.Default.RawWatchEvent)
            ?? throw new JsonException("Watch event line is JSON null.");
        var type = raw.Type switch
        {
            "ADDED" => WatchEventType.Added,
            "MODIFIED" => WatchEventType.Modified,
            "DELETED" => WatchEventType.Deleted,
            "BOOKMARK" => WatchEventType.Bookmark,
            "ERROR" => WatchEventType.Error,
            _ => throw new JsonException($"Unknown watch event type '{raw.Type}'."),
        };
        if (raw.Object.ValueKind != JsonValueKind.Object)
            throw new JsonException($"Watch event {raw.Type} has no object.");
        if (type == WatchEventType.Error)
            return new WatchEvent<T>(type, null, raw.Object.Deserialize(KubernetesJsonContext.Default.KubernetesStatus));
        return new WatchEvent<T>(type, raw.Object.Deserialize(objectInfo), null);
    }
}
