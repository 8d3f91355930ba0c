using System.Net;
using Encryption.Kubernetes.Models;

namespace Encryption.Kubernetes.Api;

/// <summary>
/// The API server answered a request with a non-2xx status (or a watch stream carried an <c>ERROR</c>
/// event). The message names the request and quotes the server's Status message; it never contains
/// credentials or request bodies.
/// </summary>
public class KubernetesApiException : Exception
{
    public KubernetesApiException(KubernetesRequest request, HttpStatusCode statusCode, KubernetesStatus? status)
        : this(request, statusCode, status, Describe(request, statusCode, status))
    {
    }

    protected KubernetesApiException(KubernetesRequest request, HttpStatusCode statusCode, KubernetesStatus? status, string message)
        : base(message)
    {
        Request = request;
        StatusCode = statusCode;
        Status = status;
    }

    public KubernetesRequest Request { get; }

    public HttpStatusCode StatusCode { get; }

    /// <summary>The server's Status body, when it sent one.</summary>
    public KubernetesStatus? Status { get; }

    /// <summary>The server's <c>reason</c> (NotFound, Conflict, Expired, ...), if given.</summary>
    public string? Reason => Status?.Reason;

    /// <summary>410: the resource version is too old (compacted); list again.</summary>
    public bool IsGone => StatusCode == HttpStatusCode.Gone;

    public bool IsNotFound => StatusCode == HttpStatusCode.NotFound;

    /// <summary>409: a precondition (resourceVersion) failed or the object already exists.</summary>
    public bool IsConflict => StatusCode == HttpStatusCode.Conflict;

    private static string Describe(KubernetesRequest request, HttpStatusCode statusCode, KubernetesStatus? status)
    {
        var reason = status?.Reason ?? statusCode.ToString();
        var detail = string.IsNullOrWhiteSpace(status?.Message) ? "" : $": {status.Message}";
        var hint = statusCode == HttpStatusCode.Unauthorized
            ? " (the API server rejected the credentials: check the service-account token or the kubeconfig user)"
            : "";
        return $"Kubernetes API: {request} failed with {(int)statusCode} {reason}{detail}{hint}";
    }
}
