using Encryption.Core.Cluster;

namespace Encryption.Core.Tests.FileStore;

/// <summary>Subscribes to a source's changes at once and records them in the background.</summary>
internal sealed class ChangeRecorder : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly List<ClusterChange> _changes = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;

    public ChangeRecorder(IClusterSource source)
    {
        var enumerator = source.Changes(_stop.Token).GetAsyncEnumerator(_stop.Token);
        var first = enumerator.MoveNextAsync(); // subscribes synchronously
        _pump = Pump(enumerator, first);
    }

    public IReadOnlyList<ClusterChange> Changes
    {
        get
        {
            lock (_lock)
                return [.. _changes];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _pump;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task Pump(IAsyncEnumerator<ClusterChange> enumerator, ValueTask<bool> first)
    {
        await using (enumerator)
        {
            for (var next = await first; next; next = await enumerator.MoveNextAsync())
            {
                lock (_lock)
                    _changes.Add(enumerator.Current);
            }
        }
    }
}
