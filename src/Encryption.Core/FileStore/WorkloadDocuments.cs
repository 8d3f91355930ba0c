using System.Net;
using System.Text.Json.Serialization;
using Encryption.Core.Cluster;

namespace Encryption.Core.FileStore;

/// <summary>A namespace's document: <c>{ "name": "default", "labels": { "io.cilium/mtls-enabled": "true" } }</c>.</summary>
public sealed record NamespaceDocument
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("labels")]
    public SortedDictionary<string, string>? Labels { get; init; }

    public static NamespaceDocument From(NamespaceInfo ns) => new()
    {
        Name = ns.Name,
        Labels = ns.Labels.IsEmpty ? null : new SortedDictionary<string, string>(ns.Labels, StringComparer.Ordinal),
    };

    public DocumentResult<NamespaceInfo> ToNamespace() => string.IsNullOrEmpty(Name)
        ? DocumentResult.Invalid<NamespaceInfo>("name is missing")
        : DocumentResult.Valid<NamespaceInfo>(new NamespaceInfo(Name, DocumentFields.Map(Labels)));
}

/// <summary>
/// A pod's document: <c>{ "namespace": "default", "name": "client", "uid": "…", "serviceAccount": "default",
/// "nodeName": "n1", "ips": ["10.1.0.10"], "hostNetwork": false, "labels": {}, "networkNamespacePath": "/run/netns/…" }</c>.
/// </summary>
public sealed record PodDocument
{
    [JsonPropertyName("namespace")]
    public string? Namespace { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("uid")]
    public string? Uid { get; init; }

    [JsonPropertyName("serviceAccount")]
    public string? ServiceAccount { get; init; }

    [JsonPropertyName("nodeName")]
    public string? NodeName { get; init; }

    [JsonPropertyName("ips")]
    public IReadOnlyList<string>? Ips { get; init; }

    [JsonPropertyName("hostNetwork")]
    public bool HostNetwork { get; init; }

    [JsonPropertyName("labels")]
    public SortedDictionary<string, string>? Labels { get; init; }

    [JsonPropertyName("networkNamespacePath")]
    public string? NetworkNamespacePath { get; init; }

    public static PodDocument From(PodInfo pod) => new()
    {
        Namespace = pod.Namespace,
        Name = pod.Name,
        Uid = pod.Uid,
        ServiceAccount = pod.ServiceAccount,
        NodeName = pod.NodeName,
        Ips = pod.Ips.IsDefaultOrEmpty ? null : pod.Ips.Select(i => i.ToString()).ToList(),
        HostNetwork = pod.HostNetwork,
        Labels = pod.Labels.IsEmpty ? null : new SortedDictionary<string, string>(pod.Labels, StringComparer.Ordinal),
        NetworkNamespacePath = pod.NetworkNamespacePath,
    };

    public DocumentResult<PodInfo> ToPod()
    {
        var missing = new[] { ("namespace", Namespace), ("name", Name), ("uid", Uid), ("nodeName", NodeName) }
            .Where(f => string.IsNullOrEmpty(f.Item2)).Select(f => f.Item1).ToList();
        if (missing.Count > 0)
            return DocumentResult.Invalid<PodInfo>($"{string.Join(", ", missing)} missing");
        var problems = new List<string>();
        var ips = DocumentFields.List(Ips, "ips", problems, (string s, out IPAddress v) => IPAddress.TryParse(s, out v!));
        if (problems.Count > 0)
            return DocumentResult.Invalid<PodInfo>(string.Join("; ", problems));
        return DocumentResult.Valid<PodInfo>(new PodInfo
        {
            Namespace = Namespace!,
            Name = Name!,
            Uid = Uid!,
            ServiceAccount = string.IsNullOrEmpty(ServiceAccount) ? "default" : ServiceAccount,
            NodeName = NodeName!,
            Ips = ips,
            HostNetwork = HostNetwork,
            Labels = DocumentFields.Map(Labels),
            NetworkNamespacePath = NetworkNamespacePath,
        });
    }
}
