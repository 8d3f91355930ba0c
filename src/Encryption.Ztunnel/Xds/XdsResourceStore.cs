using System.Collections.Immutable;

namespace Encryption.Ztunnel.Xds;

/// <summary>What every stream should converge to: the current resources of each type, and a task that completes when they change.</summary>
public sealed record XdsSnapshot(long Version, ImmutableDictionary<string, ImmutableSortedDictionary<string, XdsResource>> Resources, Task Changed)
{
    public ImmutableSortedDictionary<string, XdsResource> Of(string typeUrl) =>
        Resources.GetValueOrDefault(typeUrl) ?? ImmutableSortedDictionary<string, XdsResource>.Empty;
}

/// <summary>
/// The desired xDS resources, replaced whole per type. Each snapshot is immutable and carries its own
/// expiry signal (YARP's IProxyConfig.ChangeToken shape); streams diff against it and wait on it.
/// </summary>
public sealed class XdsResourceStore
{
    private readonly Lock gate = new();
    private XdsSnapshot current = new(0, ImmutableDictionary<string, ImmutableSortedDictionary<string, XdsResource>>.Empty, NewSignal().Task);
    private TaskCompletionSource changed = NewSignal();

    public XdsResourceStore() => current = current with { Changed = changed.Task };

    public XdsSnapshot Current
    {
        get
        {
            lock (gate)
                return current;
        }
    }

    /// <summary>Replaces every resource of <paramref name="typeUrl"/>; a replacement with the same names and versions changes nothing.</summary>
    public void Replace(string typeUrl, IEnumerable<XdsResource> resources)
    {
        var next = resources.ToImmutableSortedDictionary(r => r.Name, r => r, StringComparer.Ordinal);
        TaskCompletionSource expired;
        lock (gate)
        {
            var previous = current.Of(typeUrl);
            if (SameVersions(previous, next))
                return;
            expired = changed;
            changed = NewSignal();
            current = new XdsSnapshot(current.Version + 1, current.Resources.SetItem(typeUrl, next), changed.Task);
        }

        expired.TrySetResult();
    }

    private static bool SameVersions(ImmutableSortedDictionary<string, XdsResource> a, ImmutableSortedDictionary<string, XdsResource> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var other) && other.Version == kv.Value.Version);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
