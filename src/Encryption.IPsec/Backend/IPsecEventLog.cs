using System.Collections.Immutable;
using Encryption.IPsec.Diagnostics;

namespace Encryption.IPsec.Backend;

/// <summary>The most recent events, oldest first; thread-safe; one per backend instance.</summary>
public sealed class IPsecEventLog(int capacity = 200)
{
    private readonly Lock gate = new();
    private ImmutableQueue<IPsecEvent> events = [];
    private int count;

    public void Add(IPsecEvent entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (gate)
        {
            events = events.Enqueue(entry);
            if (++count > capacity)
            {
                events = events.Dequeue();
                count--;
            }
        }
    }

    public ImmutableArray<IPsecEvent> Snapshot()
    {
        lock (gate)
            return [.. events];
    }
}
