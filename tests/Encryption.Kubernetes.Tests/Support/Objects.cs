using System.Text;
using System.Text.Json.Nodes;

namespace Encryption.Kubernetes.Tests.Support;

/// <summary>Wire JSON for the objects the tests put into the API-server double.</summary>
public static class Objects
{
    public const string WgKeyA = "Zm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyMDA=";
    public const string WgKeyB = "YmF6cXV4YmF6cXV4YmF6cXV4YmF6cXV4YmF6cXV4MDA=";

    public static JsonObject CiliumNode(
        string name,
        string ipv4,
        string? ipv6 = null,
        string? podCidr = null,
        string? bootId = null,
        int? keyId = null,
        string? wgKey = null,
        Dictionary<string, string>? labels = null)
    {
        var addresses = new JsonArray(
            new JsonObject { ["type"] = "CiliumInternalIP", ["ip"] = "10.200.0.1" },
            new JsonObject { ["type"] = "InternalIP", ["ip"] = ipv4 });
        if (ipv6 is not null)
            addresses.Add(new JsonObject { ["type"] = "InternalIP", ["ip"] = ipv6 });
        var metadata = new JsonObject { ["name"] = name };
        if (wgKey is not null)
            metadata["annotations"] = new JsonObject { ["network.cilium.io/wg-pub-key"] = wgKey };
        if (labels is not null)
            metadata["labels"] = Map(labels);
        var spec = new JsonObject
        {
            ["addresses"] = addresses,
            ["ipam"] = new JsonObject { ["podCIDRs"] = podCidr is null ? new JsonArray() : new JsonArray(podCidr) },
            ["instance-id"] = name,
        };
        if (bootId is not null)
            spec["bootid"] = bootId;
        if (keyId is not null)
            spec["encryption"] = new JsonObject { ["key"] = keyId };
        return new JsonObject
        {
            ["metadata"] = metadata,
            ["spec"] = spec,
            ["status"] = new JsonObject { ["ipam"] = new JsonObject { ["operator-status"] = new JsonObject() } },
        };
    }

    public static JsonObject Namespace(string name, Dictionary<string, string>? labels = null) => new()
    {
        ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = Map(labels ?? new() { ["kubernetes.io/metadata.name"] = name }) },
        ["status"] = new JsonObject { ["phase"] = "Active" },
    };

    public static JsonObject Pod(
        string ns,
        string name,
        string node,
        string[] ips,
        string serviceAccount = "default",
        bool hostNetwork = false,
        string phase = "Running",
        string? uid = null)
    {
        var status = new JsonObject { ["phase"] = phase };
        if (ips.Length > 0)
        {
            status["podIP"] = ips[0];
            status["podIPs"] = new JsonArray([.. ips.Select(ip => (JsonNode)new JsonObject { ["ip"] = ip })]);
        }
        return new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["uid"] = uid ?? $"uid-{ns}-{name}", ["labels"] = new JsonObject { ["app"] = name } },
            ["spec"] = new JsonObject { ["nodeName"] = node, ["serviceAccountName"] = serviceAccount, ["hostNetwork"] = hostNetwork },
            ["status"] = status,
        };
    }

    public static JsonObject Secret(string ns, string name, Dictionary<string, string> data) => new()
    {
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["type"] = "Opaque",
        ["data"] = Map(data.ToDictionary(d => d.Key, d => Convert.ToBase64String(Encoding.UTF8.GetBytes(d.Value)))),
    };

    private static JsonObject Map(Dictionary<string, string> values)
    {
        var map = new JsonObject();
        foreach (var (key, value) in values)
            map[key] = value;
        return map;
    }
}
