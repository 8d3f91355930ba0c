using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Serialization;
using Encryption.Core.Cluster;

namespace Encryption.Core.FileStore;

/// <summary>
/// A node's JSON document in the file store, e.g.
/// <code>
/// { "name": "n1", "ipv4": "192.168.100.1", "ipv6": "fd00:100::1", "podCidrs": ["10.1.0.0/24"],
///   "podIps": ["10.1.0.10"], "bootId": "…", "nodeId": 1, "ipsecKeyId": 3,
///   "labels": {}, "annotations": { "network.cilium.io/wg-pub-key": "…" } }
/// </code>
/// Unknown properties are ignored, so newer agents can add fields.
/// </summary>
public sealed record NodeDocument
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("ipv4")]
    public string? IPv4 { get; init; }

    [JsonPropertyName("ipv6")]
    public string? IPv6 { get; init; }

    [JsonPropertyName("podCidrs")]
    public IReadOnlyList<string>? PodCidrs { get; init; }

    [JsonPropertyName("podIps")]
    public IReadOnlyList<string>? PodIps { get; init; }

    [JsonPropertyName("bootId")]
    public string? BootId { get; init; }

    [JsonPropertyName("nodeId")]
    public int NodeId { get; init; }

    [JsonPropertyName("ipsecKeyId")]
    public int IPsecKeyId { get; init; }

    [JsonPropertyName("labels")]
    public SortedDictionary<string, string>? Labels { get; init; }

    [JsonPropertyName("annotations")]
    public SortedDictionary<string, string>? Annotations { get; init; }

    public static NodeDocument From(Node node) => new()
    {
        Name = node.Name,
        IPv4 = node.IPv4?.ToString(),
        IPv6 = node.IPv6?.ToString(),
        PodCidrs = node.PodCidrs.IsDefaultOrEmpty ? null : node.PodCidrs.Select(c => c.ToString()).ToList(),
        PodIps = node.PodIps.IsDefaultOrEmpty ? null : node.PodIps.Select(i => i.ToString()).ToList(),
        BootId = node.BootId,
        NodeId = node.NodeId,
        IPsecKeyId = node.IPsecKeyId,
        Labels = node.Labels.IsEmpty ? null : new SortedDictionary<string, string>(node.Labels, StringComparer.Ordinal),
        Annotations = node.Annotations.IsEmpty ? null : new SortedDictionary<string, string>(node.Annotations, StringComparer.Ordinal),
    };

    /// <summary>The node, or the first thing wrong with the document.</summary>
    public DocumentResult<Node> ToNode()
    {
        if (string.IsNullOrEmpty(Name))
            return DocumentResult.Invalid<Node>("name is missing");
        var problems = new List<string>();
        var ipv4 = DocumentFields.Address(IPv4, "ipv4", AddressFamily.InterNetwork, problems);
        var ipv6 = DocumentFields.Address(IPv6, "ipv6", AddressFamily.InterNetworkV6, problems);
        var cidrs = DocumentFields.List(PodCidrs, "podCidrs", problems, (string s, out IPNetwork v) => IPNetwork.TryParse(s, out v));
        var ips = DocumentFields.List(PodIps, "podIps", problems, (string s, out IPAddress v) => IPAddress.TryParse(s, out v!));
        if (NodeId is < 0 or > ushort.MaxValue)
            problems.Add($"nodeId {NodeId} is not between 0 and 65535");
        if (IPsecKeyId is < 0 or > 15)
            problems.Add($"ipsecKeyId {IPsecKeyId} is not between 0 and 15");
        if (problems.Count > 0)
            return DocumentResult.Invalid<Node>(string.Join("; ", problems));

        return DocumentResult.Valid<Node>(new Node
        {
            Name = Name,
            IPv4 = ipv4,
            IPv6 = ipv6,
            PodCidrs = cidrs,
            PodIps = ips,
            BootId = BootId,
            NodeId = (ushort)NodeId,
            IPsecKeyId = (byte)IPsecKeyId,
            Labels = DocumentFields.Map(Labels),
            Annotations = DocumentFields.Map(Annotations),
        });
    }
}

/// <summary>A parsed document or why it is invalid.</summary>
public readonly record struct DocumentResult<T>(T? Value, string? Problem)
    where T : class;

/// <summary>Creates <see cref="DocumentResult{T}"/> values.</summary>
public static class DocumentResult
{
    public static DocumentResult<T> Valid<T>(T value)
        where T : class => new(value, null);

    public static DocumentResult<T> Invalid<T>(string problem)
        where T : class => new(null, problem);
}

/// <summary>Field parsers shared by the documents; each adds a readable problem and returns an empty value on failure.</summary>
internal static class DocumentFields
{
    public delegate bool TryParse<T>(string text, out T value);

    public static IPAddress? Address(string? text, string field, AddressFamily family, List<string> problems)
    {
        if (string.IsNullOrEmpty(text))
            return null;
        if (IPAddress.TryParse(text, out var address) && address.AddressFamily == family)
            return address;
        problems.Add($"{field} '{text}' is not an {(family == AddressFamily.InterNetwork ? "IPv4" : "IPv6")} address");
        return null;
    }

    public static ImmutableArray<T> List<T>(IReadOnlyList<string>? items, string field, List<string> problems, TryParse<T> parse)
    {
        if (items is null)
            return [];
        var result = ImmutableArray.CreateBuilder<T>(items.Count);
        foreach (var item in items)
        {
            if (parse(item, out var value))
                result.Add(value);
            else
                problems.Add($"{field} entry '{item}' is invalid");
        }

        return result.ToImmutable();
    }

    public static ImmutableDictionary<string, string> Map(IDictionary<string, string>? map) =>
        map is null ? ImmutableDictionary<string, string>.Empty : map.ToImmutableDictionary(StringComparer.Ordinal);
}
