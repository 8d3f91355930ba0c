using Encryption.Agent.Logging;
using Encryption.Agent.Metrics;
using Encryption.Core.Configuration;
using Encryption.Agent.State;
using Encryption.Core.Backends;
using Encryption.WireGuard;
using Encryption.WireGuard.Status;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Encryption.Agent.Status;

/// <summary>
/// The agent's HTTP surface, served on the unix socket and on the Prometheus endpoint:
/// <c>GET /v1/encrypt/status</c> (JSON), <c>GET /healthz</c> (200 "ok" or 503 with the problems),
/// <c>GET /metrics</c> (Prometheus text), <c>POST /v1/wireguard/rotate-key</c> (see <see cref="WireGuardKeyEndpoint"/>).
/// </summary>
internal static class StatusEndpoints
{
    public const string StatusPath = "/v1/encrypt/status";

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet(StatusPath, async (IEncryptionBackend backend, EncryptionOptions options, AgentState state, ILogger<AgentState> logger, CancellationToken ct) =>
        {
            var status = await BackendStatusAsync(backend, logger, ct).ConfigureAwait(false);
            var document = StatusDocument.Build(options, state.Snapshot(), status);
            return Results.Text(document.ToJsonString(), "application/json");
        });

        routes.MapGet("/healthz", async (IEncryptionBackend backend, AgentState state, ILogger<AgentState> logger, CancellationToken ct) =>
        {
            var status = await BackendStatusAsync(backend, logger, ct).ConfigureAwait(false);
            var (agentHealth, problems) = state.Snapshot().Health();
            var health = AgentMetrics.Worst(agentHealth, status.Health);
            var all = problems.Concat(status.Problems).ToList();
            return health == HealthState.Ok
                ? Results.Text("ok\n", "text/plain")
                : Results.Text($"{health.ToString().ToLowerInvariant()}\n{string.Concat(all.Select(p => p + "\n"))}", "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable);
        });

        routes.MapGet("/metrics", async (IEncryptionBackend backend, EncryptionOptions options, AgentState state, ILogger<AgentState> logger, CancellationToken ct) =>
        {
            var (status, wireguard) = await MetricsInputsAsync(backend, logger, ct).ConfigureAwait(false);
            return Results.Text(AgentMetrics.Render(options, state.Snapshot(), status, wireguard), PrometheusTextWriter.ContentType);
        });

        routes.MapPost(WireGuardKeyEndpoint.Path, WireGuardKeyEndpoint.RotateAsync);
    }

    /// <summary>The WireGuard backend's status and metrics come from one report (one device read).</summary>
    private static async Task<(BackendStatus Status, WireGuardMetrics? WireGuard)> MetricsInputsAsync(IEncryptionBackend backend, ILogger logger, CancellationToken ct)
    {
        if (backend is not WireGuardBackend wireguard)
            return (await BackendStatusAsync(backend, logger, ct).ConfigureAwait(false), null);
        try
        {
            var report = await wireguard.GetReportAsync(ct).ConfigureAwait(false);
            return (WireGuardBackend.ToBackendStatus(report), report.Metrics);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            StatusLog.BackendStatusFailed(logger, e);
            return (StatusDocument.Unavailable(backend.Type, e.Message), null);
        }
    }

    private static async Task<BackendStatus> BackendStatusAsync(IEncryptionBackend backend, ILogger logger, CancellationToken ct)
    {
        try
        {
            return await backend.GetStatusAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            StatusLog.BackendStatusFailed(logger, e);
            return StatusDocument.Unavailable(backend.Type, e.Message);
        }
    }
}
