using System.Text.Json.Nodes;

namespace Encryption.Kubernetes.Tests.ApiServer;

/// <summary>
/// The legacy discovery documents (<c>/api</c>, <c>/apis</c>, <c>/api/v1</c>, <c>/apis/cilium.io/v2</c>) for the
/// resources the double serves, so that kubectl can map <c>secret</c> or <c>ciliumnodes</c> to a path. Served as
/// plain <c>application/json</c>, which makes kubectl fall back from aggregated discovery, as against an older server.
/// </summary>
public static class Discovery
{
    private static readonly string[] ObjectVerbs = ["create", "delete", "get", "list", "patch", "update", "watch"];

    public static JsonObject? Answer(string path)
    {
        var parts = path.Trim('/').Split('/');
        return parts switch
        {
            ["api"] => new JsonObject
            {
                ["kind"] = "APIVersions",
                ["versions"] = new JsonArray("v1"),
                ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = "127.0.0.1" }),
            },
            ["apis"] => GroupList(),
            ["api", var version] => ResourceList("", version),
            ["apis", var group, var version] => ResourceList(group, version),
            _ => null,
        };
    }

    private static JsonObject GroupList()
    {
        var groups = new JsonArray();
        foreach (var group in ApiResource.All.Where(r => r.Group.Length > 0).GroupBy(r => r.Group))
        {
            var versions = new JsonArray([.. group.Select(r => r.Version).Distinct().Select(v => (JsonNode)GroupVersion(group.Key, v))]);
            groups.Add(new JsonObject
            {
                ["name"] = group.Key,
                ["versions"] = versions,
                ["preferredVersion"] = GroupVersion(group.Key, group.First().Version),
            });
        }

        return new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = groups };
    }

    private static JsonObject GroupVersion(string group, string version) =>
        new() { ["groupVersion"] = $"{group}/{version}", ["version"] = version };

    private static JsonObject? ResourceList(string group, string version)
    {
        var resources = ApiResource.All.Where(r => r.Group == group && r.Version == version).ToList();
        if (resources.Count == 0)
            return null;
        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = new JsonArray([.. resources.Select(r => (JsonNode)new JsonObject
            {
                ["name"] = r.Plural,
                ["singularName"] = r.Kind.ToLowerInvariant(),
                ["namespaced"] = r.Namespaced,
                ["kind"] = r.Kind,
                ["verbs"] = new JsonArray([.. ObjectVerbs.Select(v => (JsonNode)v)]),
            })]),
        };
    }
}
