using Encryption.Agent.Logging;
using Encryption.Agent.State;
using Encryption.Core.Cluster;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Encryption.Agent.Services;

/// <summary>Runs the cluster source (list, then watch) for the agent's lifetime.</summary>
internal sealed class ClusterSourceService(
    IClusterSource source, AgentState state, IHostApplicationLifetime lifetime, ILogger<ClusterSourceService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        ClusterLog.SourceRunning(logger);
        try
        {
            await source.RunAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // a failed source stops the agent; the reason goes to the log and the status API
        catch (Exception e)
#pragma warning restore CA1031
        {
            HostLog.ComponentFailed(logger, "cluster source", e);
            state.Fatal($"cluster source: {e.Message}");
            lifetime.StopApplication();
        }
    }
}
