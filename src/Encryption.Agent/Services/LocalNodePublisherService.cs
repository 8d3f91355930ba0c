using Encryption.Agent.LocalNode;
using Encryption.Agent.Logging;
using Encryption.Core.Configuration;
using Encryption.Agent.State;
using Encryption.Core.Cluster;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Encryption.Agent.Services;

/// <summary>
/// Keeps this node's object in the cluster source current: publishes it once the backend has started (retrying with
/// backoff), then on
/// every resync tick republishes if what the source holds differs from what the agent advertises and the source
/// writes (<see cref="IClusterSource.Publishable"/>: a deleted or stale document, a new backend key), and only then.
/// </summary>
internal sealed class LocalNodePublisherService(
    IClusterSource source,
    LocalNodeSource localNode,
    EncryptionOptions options,
    AgentState state,
    BackendStarted started,
    TimeProvider time,
    ILogger<LocalNodePublisherService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var wakeups = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
            if (localNode.Signals is { } signals)
                signals.AdvertisementChanged += (_, _) => wakeups.Writer.TryWrite(true);
            await started.WaitAsync(stoppingToken).ConfigureAwait(false);
            await PublishWithRetryAsync(stoppingToken).ConfigureAwait(false);
            _ = TickAsync(wakeups.Writer, stoppingToken);
            await foreach (var _ in wakeups.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                var published = source.Current.Nodes.GetValueOrDefault(localNode.Name);
                if (!NodeAdvertisement.IsCoveredBy(source.Publishable(localNode.Desired()), published))
                {
                    ClusterLog.Drifted(logger, localNode.Name);
                    await PublishWithRetryAsync(stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task TickAsync(ChannelWriter<bool> wakeups, CancellationToken cancellationToken)
    {
        try
        {
            using var ticks = new PeriodicTimer(options.Agent.ResyncInterval, time);
            while (await ticks.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
                wakeups.TryWrite(true);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task PublishWithRetryAsync(CancellationToken cancellationToken)
    {
        for (var failures = 1; ; failures++)
        {
            try
            {
                var node = localNode.Desired();
                await source.PublishLocalNodeAsync(node, cancellationToken).ConfigureAwait(false);
                state.LocalNodePublished();
                ClusterLog.Published(logger, node.Name);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var delay = Backoff.Default.Delay(failures);
                ClusterLog.PublishFailed(logger, localNode.Name, delay, e);
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
