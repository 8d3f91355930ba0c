using System.Globalization;
using System.Text.Json.Nodes;

namespace Encryption.Kubernetes.Tests.ApiServer;

/// <summary>
/// The double's etcd: objects as wire JSON, one resource version counter for all resources (as etcd's
/// revision), a history of events that watches replay, and compaction that makes old versions 410 Gone.
/// </summary>
public sealed class ObjectStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ApiResource, SortedDictionary<string, JsonObject>> _objects = [];
    private readonly List<StoredEvent> _history = [];
    private long _resourceVersion = 100;
    private long _compactedThrough;
    private TaskCompletionSource _changed = NewSignal();

    public long ResourceVersion
    {
        get
        {
            lock (_gate)
                return _resourceVersion;
        }
    }

    public long CompactedThrough
    {
        get
        {
            lock (_gate)
                return _compactedThrough;
        }
    }

    /// <summary>Completes at the next change (or <see cref="Pulse"/>).</summary>
    public Task Changed
    {
        get
        {
            lock (_gate)
                return _changed.Task;
        }
    }

    public static string KeyOf(string? ns, string name) => string.IsNullOrEmpty(ns) ? name : $"{ns}/{name}";

    /// <summary>Creates or replaces an object; returns the stored copy with its new resource version.</summary>
    public JsonObject Put(ApiResource resource, JsonObject obj)
    {
        lock (_gate)
        {
            var stored = (JsonObject)obj.DeepClone();
            var metadata = stored["metadata"] as JsonObject ?? throw new ArgumentException("object without metadata");
            var key = KeyOf(metadata["namespace"]?.GetValue<string>(), metadata["name"]!.GetValue<string>());
            var objects = Objects(resource);
            var existed = objects.TryGetValue(key, out var previous);
            metadata["uid"] ??= previous?["metadata"]?["uid"]?.DeepClone() ?? Guid.NewGuid().ToString();
            stored["apiVersion"] = resource.ApiVersion;
            stored["kind"] = resource.Kind;
            Record(resource, existed ? "MODIFIED" : "ADDED", stored);
            objects[key] = stored;
            return (JsonObject)stored.DeepClone();
        }
    }

    public JsonObject? Get(ApiResource resource, string? ns, string name)
    {
        lock (_gate)
            return Objects(resource).TryGetValue(KeyOf(ns, name), out var obj) ? (JsonObject)obj.DeepClone() : null;
    }

    public JsonObject? Delete(ApiResource resource, string? ns, string name)
    {
        lock (_gate)
        {
            var objects = Objects(resource);
            if (!objects.Remove(KeyOf(ns, name), out var removed))
                return null;
            var tombstone = (JsonObject)removed.DeepClone();
            Record(resource, "DELETED", tombstone);
            return (JsonObject)tombstone.DeepClone();
        }
    }

    /// <summary>A snapshot of a resource, sorted by key, and the resource version it was taken at.</summary>
    public (IReadOnlyList<(string Key, JsonObject Object)> Items, long ResourceVersion) List(ApiResource resource)
    {
        lock (_gate)
            return (Objects(resource).Select(p => (p.Key, (JsonObject)p.Value.DeepClone())).ToList(), _resourceVersion);
    }

    /// <summary>Events of <paramref name="resource"/> after <paramref name="resourceVersion"/>; null if compacted away.</summary>
    public IReadOnlyList<StoredEvent>? EventsAfter(ApiResource resource, long resourceVersion)
    {
        lock (_gate)
        {
            if (resourceVersion < _compactedThrough)
                return null;
            return _history.Where(e => e.ResourceVersion > resourceVersion && e.Resource == resource)
                .Select(e => e with { Object = (JsonObject)e.Object.DeepClone() })
                .ToList();
        }
    }

    /// <summary>Forget history up to now: watches and continue tokens from older versions get 410 Gone.</summary>
    public void Compact()
    {
        lock (_gate)
        {
            _compactedThrough = _resourceVersion;
            _history.Clear();
        }
    }

    /// <summary>Wakes every watch (used for drops and bookmarks).</summary>
    public void Pulse()
    {
        TaskCompletionSource signal;
        lock (_gate)
        {
            signal = _changed;
            _changed = NewSignal();
        }
        signal.TrySetResult();
    }

    private void Record(ApiResource resource, string type, JsonObject stored)
    {
        _resourceVersion++;
        stored["metadata"]!["resourceVersion"] = _resourceVersion.ToString(CultureInfo.InvariantCulture);
        _history.Add(new StoredEvent(_resourceVersion, resource, type, (JsonObject)stored.DeepClone()));
        var signal = _changed;
        _changed = NewSignal();
        signal.TrySetResult();
    }

    private SortedDictionary<string, JsonObject> Objects(ApiResource resource)
    {
        if (!_objects.TryGetValue(resource, out var objects))
            _objects[resource] = objects = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        return objects;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
