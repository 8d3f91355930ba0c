using System.Text.Json.Nodes;

namespace Encryption.Cli.Status;

/// <summary>
/// The agent's status document as the CLI reads it (<c>GET /v1/encrypt/status</c> on the agent's unix socket):
/// node, backend type, health, problems, and <see cref="Model"/> (Cilium's EncryptionStatus JSON).
/// </summary>
internal sealed record AgentStatus(string Node, string Type, string Health, IReadOnlyList<string> Problems, JsonObject Model, JsonObject Agent)
{
    public bool Healthy => Health == "Ok";

    /// <summary>Remote nodes the agent applied in its last snapshot.</summary>
    public int RemoteNodes => Agent["remote-nodes"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : 0;

    public static AgentStatus Parse(string json)
    {
        var document = JsonNode.Parse(json) as JsonObject ?? throw new FormatException("the agent's status is not a JSON object");
        return new AgentStatus(
            Text(document, "node"),
            Text(document, "type"),
            Text(document, "health"),
            (document["problems"] as JsonArray)?.Select(p => p?.GetValue<string>() ?? "").ToList() ?? [],
            document["json"] as JsonObject ?? throw new FormatException("the agent's status has no \"json\" object"),
            document["agent"] as JsonObject ?? []);
    }

    private static string Text(JsonObject document, string name) =>
        document[name]?.GetValue<string>() ?? throw new FormatException($"the agent's status has no \"{name}\"");
}
