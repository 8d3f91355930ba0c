using System.Threading.Channels;
using Encryption.Core.Cluster;

namespace Encryption.Kubernetes.Cluster;

/// <summary>Fans changes out to every subscriber, each with its own unbounded queue, in publication order.</summary>
internal sealed class ChangeBroadcaster
{
    private readonly Lock _gate = new();
    private readonly List<Channel<ClusterChange>> _subscribers = [];

    /// <summary>
    /// Registers now (not at the first MoveNext), so nothing published after this call is missed.
    /// <paramref name="initial"/> is queued first.
    /// </summary>
    public IAsyncEnumerable<ClusterChange> Subscribe(ClusterChange? initial, CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<ClusterChange>(new UnboundedChannelOptions { SingleReader = true });
        lock (_gate)
        {
            if (initial is not null)
                channel.Writer.TryWrite(initial);
            _subscribers.Add(channel);
        }
        var registration = cancellationToken.Register(() => Unsubscribe(channel));
        return Read(channel, registration, cancellationToken);
    }

    public void Publish(IReadOnlyList<ClusterChange> changes)
    {
        if (changes.Count == 0)
            return;
        lock (_gate)
        {
            foreach (var subscriber in _subscribers)
            {
                foreach (var change in changes)
                    subscriber.Writer.TryWrite(change);
            }
        }
    }

    private async IAsyncEnumerable<ClusterChange> Read(
        Channel<ClusterChange> channel,
        CancellationTokenRegistration registration,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var change in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                yield return change;
        }
        finally
        {
            await registration.DisposeAsync().ConfigureAwait(false);
            Unsubscribe(channel);
        }
    }

    private void Unsubscribe(Channel<ClusterChange> channel)
    {
        lock (_gate)
            _subscribers.Remove(channel);
        channel.Writer.TryComplete();
    }
}
