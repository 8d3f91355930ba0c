using Encryption.Cli.Status;
using System.Text.Json.Nodes;

namespace Encryption.Cli.Lab.Ztunnel;

/// <summary>
/// Whether one agent's ztunnel control plane is up, read from its status document (pure): the xDS/CA listener bound,
/// the ZDS socket named, the lab's pod namespace enrolled (or not, as the store says), every local pod's in-pod rules
/// installed (what the agent reports as handed over), and no problem besides "no ztunnel is connected".
/// </summary>
internal static class ZtunnelControlPlaneCheck
{
    /// <summary>What is wrong; empty when the control plane is up.</summary>
    public static IReadOnlyList<string> Problems(AgentStatus status, string podNamespace, int localPods, bool enrolled)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (status.Type != "ztunnel")
            return [$"backend is {status.Type}, not ztunnel"];
        if (status.Model["ztunnel"] is not JsonObject ztunnel)
            return ["the status has no ztunnel section"];

        var problems = new List<string>();
        var dataPath = Text(ztunnel["data-path"]);
        problems.AddRange(status.Problems.Where(p => p != dataPath));
        if (ztunnel["grpc-endpoints"] is not JsonArray { Count: > 0 })
            problems.Add("xDS/CA listener not listening");
        if (Text(ztunnel["zds-socket"]).Length == 0)
            problems.Add("no ZDS socket");
        var namespaces = (ztunnel["enrolled-namespaces"] as JsonArray)?.Select(Text).ToList() ?? [];
        if (enrolled != namespaces.Contains(podNamespace))
            problems.Add(enrolled ? $"namespace {podNamespace} not enrolled" : $"namespace {podNamespace} still enrolled");
        var expected = enrolled ? localPods : 0;
        var local = Number(ztunnel["local-workloads"]);
        var installed = Number(ztunnel["handed-over"]);
        if (local != expected || installed != expected)
            problems.Add($"{installed}/{local} local pod(s) with in-pod rules, expected {expected}/{expected}");
        return problems;
    }

    /// <summary>True when the agent reports a ztunnel connected on ZDS and xDS (the data path in use).</summary>
    public static bool DataPathExercised(AgentStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return status.Model["ztunnel"]?["data-path-exercised"] is JsonValue v && v.TryGetValue<bool>(out var exercised) && exercised;
    }

    private static string Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    private static long Number(JsonNode? node) => node is JsonValue v && v.TryGetValue<long>(out var n) ? n : -1;
}
