using System.Text.Json;

namespace Encryption.Kubernetes.Models;

/// <summary>One decoded line of a watch stream.</summary>
public sealed record WatchEvent<T>(WatchEventType Type, T? Object, KubernetesStatus? Status);

/// <summary>One line as it arrives: <c>{"type":"ADDED","object":{...}}</c>; the object is decoded once its type is known.</summary>
public sealed record RawWatchEvent
{
    public string? Type { get; init; }

    public JsonElement Object { get; init; }
}
