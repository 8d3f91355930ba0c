using System.Text.Json.Nodes;

namespace Encryption.Kubernetes.Tests.ApiServer;

/// <summary>meta/v1 Status bodies as the real API server writes them.</summary>
public static class Statuses
{
    public static JsonObject Failure(int code, string reason, string message, ApiResource? resource = null, string? name = null)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
            ["code"] = code,
        };
        if (resource is not null)
            status["details"] = new JsonObject { ["name"] = name, ["group"] = resource.Group, ["kind"] = resource.Plural };
        return status;
    }

    public static JsonObject NotFound(ApiResource resource, string name) =>
        Failure(404, "NotFound", $"{resource.DisplayName} \"{name}\" not found", resource, name);

    public static JsonObject AlreadyExists(ApiResource resource, string name) =>
        Failure(409, "AlreadyExists", $"{resource.DisplayName} \"{name}\" already exists", resource, name);

    public static JsonObject Conflict(ApiResource resource, string name) =>
        Failure(409, "Conflict",
            $"Operation cannot be fulfilled on {resource.DisplayName} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
            resource, name);

    public static JsonObject Expired(long requested, long compacted) =>
        Failure(410, "Expired", $"too old resource version: {requested} ({compacted})");

    public static JsonObject Unauthorized() => Failure(401, "Unauthorized", "Unauthorized");

    public static JsonObject Forbidden(RequestAttributes request)
    {
        var target = request.Name is null ? request.Resource.DisplayName : $"{request.Resource.DisplayName} \"{request.Name}\"";
        var scope = request.Namespace is null ? "at the cluster scope" : $"in the namespace \"{request.Namespace}\"";
        return Failure(403, "Forbidden",
            $"{target} is forbidden: User \"{request.User}\" cannot {request.Verb} resource \"{request.Resource.Plural}\" in API group \"{request.Resource.Group}\" {scope}",
            request.Resource, request.Name);
    }
}

/// <summary>Who asks to do what: the input of the double's authorizer (like a SubjectAccessReview).</summary>
public sealed record RequestAttributes(string User, string Verb, ApiResource Resource, string? Namespace, string? Name);

/// <summary>A request as the double received it.</summary>
public sealed record RecordedRequest(string Method, string Verb, ApiResource Resource, string? Namespace, string? Name, IReadOnlyDictionary<string, string> Query, string? Token, string? ContentType, string User)
{
    public string? this[string parameter] => Query.GetValueOrDefault(parameter);
}
