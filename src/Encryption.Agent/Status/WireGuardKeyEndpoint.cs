using Encryption.Agent.Backends;
using Encryption.Agent.LocalNode;
using Encryption.Agent.Logging;
using Encryption.Agent.State;
using Encryption.Core.Backends;
using Encryption.Core.Cluster;
using Encryption.WireGuard;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using System.Text.Json.Nodes;

namespace Encryption.Agent.Status;

/// <summary>
/// <c>POST /v1/wireguard/rotate-key</c>: a new key pair for this node (persisted 0600, set on the device), then the local
/// node republished at once so every peer picks up the new <c>network.cilium.io/wg-pub-key</c>. Answers
/// <c>{"old-public-key", "new-public-key", "published"}</c>; 409 when the agent does not run the WireGuard backend.
/// If publishing fails the key is still rotated: the local-node publisher sees the drift on its next resync and retries.
/// </summary>
internal static class WireGuardKeyEndpoint
{
    public const string Path = "/v1/wireguard/rotate-key";

    public static async Task<IResult> RotateAsync(
        IEncryptionBackend backend,
        IClusterSource source,
        LocalNodeSource localNode,
        AgentState state,
        ILogger<AgentState> logger,
        CancellationToken cancellationToken)
    {
        if (backend is not WireGuardBackend wireguard)
        {
            var error = $"this agent runs the {BackendNames.Name(backend.Type)} backend; rotate-key needs the wireguard backend";
            return Json(new JsonObject { ["error"] = error }, StatusCodes.Status409Conflict);
        }

        var old = wireguard.PublicKey;
        var rotated = await wireguard.RotateKeyAsync(cancellationToken).ConfigureAwait(false);
        var answer = new JsonObject
        {
            ["old-public-key"] = old.ToBase64(),
            ["new-public-key"] = rotated.ToBase64(),
        };
        try
        {
            var node = localNode.Desired();
            await source.PublishLocalNodeAsync(node, cancellationToken).ConfigureAwait(false);
            state.LocalNodePublished();
            ClusterLog.Published(logger, node.Name);
            answer["published"] = true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            StatusLog.RotatedKeyNotPublished(logger, localNode.Name, e);
            answer["published"] = false;
            answer["error"] = $"the key was rotated but publishing it failed (the agent retries on its next resync): {e.Message}";
        }

        return Json(answer, StatusCodes.Status200OK);
    }

    private static IResult Json(JsonObject body, int statusCode) =>
        Results.Text(body.ToJsonString() + "\n", "application/json", statusCode: statusCode);
}
