using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Encryption.Core.Cluster;

/// <summary>
/// Fans a cluster source's changes out to any number of subscribers, each in order. Once the source has listed
/// everything (<see cref="MarkListed"/>), every subscriber first gets a <see cref="ClusterChange.Resynced"/>, so a
/// consumer that starts late reads <see cref="IClusterSource.Current"/> and then follows the increments. A
/// subscription starts when enumeration starts.
/// </summary>
public sealed class ClusterChangeBroadcaster
{
    private static readonly ClusterChange Resynced = new ClusterChange.Resynced();
    private readonly Lock _lock = new();
    private readonly List<ChannelWriter<ClusterChange>> _subscribers = [];
    private bool _listed;

    public int SubscriberCount
    {
        get
        {
            lock (_lock)
                return _subscribers.Count;
        }
    }

    public async IAsyncEnumerable<ClusterChange> Subscribe([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<ClusterChange>(new UnboundedChannelOptions { SingleReader = true });
        lock (_lock)
        {
            _subscribers.Add(channel.Writer);
            if (_listed)
                channel.Writer.TryWrite(Resynced);
        }

        try
        {
            await foreach (var change in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                yield return change;
        }
        finally
        {
            lock (_lock)
                _subscribers.Remove(channel.Writer);
        }
    }

    /// <summary>Sends <paramref name="changes"/> to every subscriber. Update the source's view before calling.</summary>
    public void Publish(IEnumerable<ClusterChange> changes)
    {
        lock (_lock)
        {
            foreach (var change in changes)
            {
                foreach (var subscriber in _subscribers)
                    subscriber.TryWrite(change);
            }
        }
    }

    /// <summary>The whole view was (re)listed: every subscriber gets a <see cref="ClusterChange.Resynced"/>.</summary>
    public void MarkListed()
    {
        lock (_lock)
        {
            _listed = true;
            foreach (var subscriber in _subscribers)
                subscriber.TryWrite(Resynced);
        }
    }
}
