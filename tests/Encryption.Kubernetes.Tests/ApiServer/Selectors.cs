using System.Text.Json.Nodes;

namespace Encryption.Kubernetes.Tests.ApiServer;

/// <summary>Field selectors (<c>a=b,c==d</c>) and label selectors (<c>k=v</c>) over stored objects.</summary>
public static class Selectors
{
    public static bool Matches(JsonObject obj, string? fieldSelector, string? labelSelector) =>
        Terms(fieldSelector).All(t => Field(obj, t.Key) == t.Value)
        && Terms(labelSelector).All(t => obj["metadata"]?["labels"]?[t.Key]?.GetValue<string>() == t.Value);

    private static string? Field(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var part in path.Split('.'))
            node = node?[part];
        return node?.ToString();
    }

    private static IEnumerable<KeyValuePair<string, string>> Terms(string? selector)
    {
        if (string.IsNullOrEmpty(selector))
            yield break;
        foreach (var term in selector.Split(','))
        {
            var parts = term.Split("==") is { Length: 2 } doubled ? doubled : term.Split('=', 2);
            yield return new(parts[0], parts[1]);
        }
    }
}
