using Encryption.Agent.Backends;
using Encryption.Agent.LocalNode;
using Encryption.Agent.Logging;
using Encryption.Core.Configuration;
using Encryption.Agent.State;
using Encryption.Core.Backends;
using Encryption.Core.Cluster;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Encryption.Agent.Services;

/// <summary>
/// Drives the backend: removes what a different backend run before on this node left (<see cref="PreviousBackendCleanup"/>),
/// starts it, then applies the cluster snapshot whenever the cluster source reports a change,
/// on every resync tick, and after a failure (with backoff). Nothing is applied before the source's first full
/// list, so a restarting agent never removes state for nodes it simply has not heard of yet.
/// </summary>
internal sealed class BackendApplyService(
    IEncryptionBackend backend,
    PreviousBackendCleanup leftovers,
    IClusterSource source,
    LocalNodeSource localNode,
    EncryptionOptions options,
    AgentState state,
    BackendStarted started,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<BackendApplyService> logger) : BackgroundService
{
    private readonly ApplyTrigger trigger = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var stopAll = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        Task[] loops = [];
        try
        {
            // Subscribe before anything else can await, so the source's first full list is never missed.
            var changes = WatchChangesAsync(stopAll.Token);
            loops = [changes];
            if (backend is IBackendSignals signals)
                signals.ApplyRequested += (_, reason) => trigger.Request(reason);
            await leftovers.RunAsync(backend.Type, stoppingToken).ConfigureAwait(false);
            await backend.StartAsync(stoppingToken).ConfigureAwait(false);
            started.Set();
            ApplyLog.BackendStarted(logger, BackendNames.Name(backend.Type));
            loops = [changes, ResyncTicksAsync(stopAll.Token), ApplyLoopAsync(stopAll.Token)];

            // Each loop runs until cancelled; one that ends early (failure, or a source that stopped) ends them all.
            var first = await Task.WhenAny(loops).ConfigureAwait(false);
            await first.ConfigureAwait(false);
            if (!stoppingToken.IsCancellationRequested)
                throw new InvalidOperationException("the cluster source stopped reporting changes");
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // a backend that cannot start or run stops the agent; the reason goes to the log and the status API
        catch (Exception e)
#pragma warning restore CA1031
        {
            HostLog.ComponentFailed(logger, "backend", e);
            state.Fatal($"backend: {e.Message}");
            lifetime.StopApplication();
        }
        finally
        {
            await stopAll.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(loops).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        }
    }

    private async Task WatchChangesAsync(CancellationToken cancellationToken)
    {
        await foreach (var change in source.Changes(cancellationToken).ConfigureAwait(false))
        {
            var kind = KindOf(change);
            ClusterLog.Change(logger, kind);
            state.ClusterChangeSeen(kind);
            trigger.Request(kind);
        }
    }

    private async Task ResyncTicksAsync(CancellationToken cancellationToken)
    {
        using var ticks = new PeriodicTimer(options.Agent.ResyncInterval, time);
        while (await ticks.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            trigger.Request("periodic resync");
    }

    private async Task ApplyLoopAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        while (true)
        {
            var reason = await trigger.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (!state.Snapshot().ClusterSynced)
                continue;

            var view = source.Current;
            var snapshot = view.For(NodeAdvertisement.Overlay(localNode.Desired(), view.Nodes.GetValueOrDefault(localNode.Name)));
            var started = time.GetTimestamp();
            try
            {
                await backend.ApplyAsync(snapshot, cancellationToken).ConfigureAwait(false);
                var elapsed = time.GetElapsedTime(started);
                failures = 0;
                state.ApplySucceeded(snapshot.Remotes.Count, elapsed);
                ApplyLog.Applied(logger, snapshot.Remotes.Count, (long)elapsed.TotalMilliseconds, reason);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failures++;
                state.ApplyFailed(e.Message, time.GetElapsedTime(started));
                var delay = Backoff.Default.Delay(failures);
                ApplyLog.ApplyFailed(logger, failures, delay, e);
                _ = RetryLaterAsync(delay, cancellationToken);
            }
        }
    }

    private async Task RetryLaterAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            trigger.Request("retry after failure");
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static string KindOf(ClusterChange change) => change switch
    {
        ClusterChange.NodeChanged => "node",
        ClusterChange.NamespaceChanged => "namespace",
        ClusterChange.PodChanged => "pod",
        ClusterChange.Resynced => AgentStateSnapshot.ResyncKind,
        _ => "other",
    };
}
