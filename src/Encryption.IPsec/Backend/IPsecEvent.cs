using System.Collections.Immutable;

namespace Encryption.IPsec.Backend;

/// <summary>Something the agent did or saw that explains XFRM counters (for <c>diagnose</c> and status).</summary>
public sealed record IPsecEvent(DateTimeOffset Time, string Kind, string Detail)
{
    public const string Rotation = "rotation";
    public const string KeyRefused = "key-refused";
    public const string NodeAdded = "node-added";
    public const string NodeRemoved = "node-removed";
    public const string NodeChanged = "node-changed";
    public const string ReconcileFailed = "reconcile-failed";
    public const string KeyAdvertised = "key-advertised";
    public const string KeyRemoved = "key-removed";
}

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
