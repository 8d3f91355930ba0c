using System.Net;
using System.Text.Json;
using Encryption.Kubernetes.Models;

namespace Encryption.Kubernetes.Api;

/// <summary>Turns a non-2xx response into <see cref="KubernetesApiException"/> (or its 403 subclass).</summary>
internal static class ApiErrors
{
    private const int MaxBodyBytes = 64 * 1024;

    public static async Task<KubernetesApiException> FromResponseAsync(
        HttpResponseMessage response, KubernetesRequest request, CancellationToken cancellationToken)
    {
        var status = await ReadStatusAsync(response, cancellationToken).ConfigureAwait(false);
        return FromStatus(request, response.StatusCode, status);
    }

    public static KubernetesApiException FromStatus(KubernetesRequest request, HttpStatusCode code, KubernetesStatus? status) =>
        code == HttpStatusCode.Forbidden
            ? new KubernetesForbiddenException(request, status)
            : new KubernetesApiException(request, code, status);

    private static async Task<KubernetesStatus?> ReadStatusAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (body.Length == 0 || body.Length > MaxBodyBytes)
                return null;
            var status = JsonSerializer.Deserialize(body, KubernetesJsonContext.Default.KubernetesStatus);
            return status?.Kind == "Status" || status?.Message is not null ? status : null;
        }
        catch (JsonException)
        {
            return null; // A proxy's HTML error page, say: the status code alone must do.
        }
    }
}
