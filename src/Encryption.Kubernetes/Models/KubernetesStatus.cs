namespace Encryption.Kubernetes.Models;

/// <summary>
/// The API server's error body (meta/v1 Status), also the object of a watch <c>ERROR</c> event, e.g.
/// <c>{"kind":"Status","status":"Failure","message":"too old resource version: 5 (9)","reason":"Expired","code":410}</c>.
/// </summary>
public sealed record KubernetesStatus
{
    public string? Kind { get; init; }

    public string? Status { get; init; }

    public string? Message { get; init; }

    public string? Reason { get; init; }

    public int Code { get; init; }
}
