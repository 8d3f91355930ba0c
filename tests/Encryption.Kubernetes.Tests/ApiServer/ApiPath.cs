namespace Encryption.Kubernetes.Tests.ApiServer;

/// <summary>A parsed request path: <c>/api/v1/namespaces/ns/pods/name</c>, <c>/apis/cilium.io/v2/ciliumnodes</c>, ...</summary>
public sealed record ApiPath(ApiResource Resource, string? Namespace, string? Name)
{
    public static ApiPath? Parse(string path)
    {
        var parts = path.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        string group;
        string version;
        int rest;
        if (parts.Length >= 3 && parts[0] == "api")
        {
            (group, version, rest) = ("", parts[1], 2);
        }
        else if (parts.Length >= 4 && parts[0] == "apis")
        {
            (group, version, rest) = (parts[1], parts[2], 3);
        }
        else
        {
            return null;
        }

        var tail = parts[rest..];
        string? ns = null;
        if (tail.Length >= 3 && tail[0] == "namespaces")
        {
            ns = tail[1];
            tail = tail[2..];
        }
        if (tail.Length is < 1 or > 2)
            return null;
        var resource = ApiResource.All.FirstOrDefault(r => r.Group == group && r.Version == version && r.Plural == tail[0]);
        if (resource is null || (ns is not null && !resource.Namespaced))
            return null;
        return new ApiPath(resource, ns, tail.Length == 2 ? tail[1] : null);
    }
}
