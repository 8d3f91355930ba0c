using System.Collections.Concurrent;

namespace Encryption.Ztunnel.Xds;

/// <summary>The open xDS streams, for status.</summary>
public sealed class XdsStreamRegistry
{
    private readonly ConcurrentDictionary<long, Func<XdsStreamInfo>> streams = new();
    private long nextId;

    public IReadOnlyList<XdsStreamInfo> Streams => streams.OrderBy(kv => kv.Key).Select(kv => kv.Value()).ToList();

    internal IDisposable Register(Func<XdsStreamInfo> info)
    {
        var id = Interlocked.Increment(ref nextId);
        streams[id] = info;
        return new Registration(() => streams.TryRemove(id, out _));
    }

    private sealed class Registration(Action remove) : IDisposable
    {
        public void Dispose() => remove();
    }
}
