using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Encryption.Cli.Status;

/// <summary>
/// Renders Cilium's EncryptionStatus model (the <c>json</c> of the agent's status) in the exact layout of
/// <c>cilium-dbg encrypt status</c>, padding included: <c>Encryption: %-26s</c>, <c>Keys in use: %-26d</c>,
/// <c>Errors: %-26d</c> and <c>\t%s: %-26d</c> per XFRM error counter (sorted by name here; Go's map order is random).
/// Fields the model omits (omitempty) print as Cilium prints their zero value; an absent max sequence number is N/A.
/// For ztunnel, whose Cilium status is the mode line only, the agent's <c>ztunnel</c> section follows it.
/// </summary>
internal static class EncryptionStatusText
{
    public static string Render(JsonObject model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var text = new StringBuilder();
        if (Str(model["msg"]) is { Length: > 0 } msg)
            Line(text, $"Msg: {msg}");
        Line(text, $"Encryption: {Str(model["mode"]),-26}");

        if (model["ipsec"] is JsonObject ipsec)
        {
            var interfaces = (ipsec["decrypt-interfaces"] as JsonArray)?.Select(Str) ?? [];
            Line(text, $"Decryption interface(s): {string.Join(", ", interfaces)}");
            Line(text, $"Keys in use: {Int(ipsec["keys-in-use"]),-26}");
            Line(text, $"Max Seq. Number: {(Str(ipsec["max-seq-number"]) is { Length: > 0 } seq ? seq : "N/A")}");
            Line(text, $"Errors: {Int(ipsec["error-count"]),-26}");
            if (ipsec["xfrm-errors"] is JsonObject errors)
            {
                foreach (var (name, count) in errors.OrderBy(e => e.Key, StringComparer.Ordinal))
                    Line(text, $"\t{name}: {Int(count),-26}");
            }
        }

        if (model["wireguard"] is JsonObject wireguard && wireguard["interfaces"] is JsonArray wgInterfaces)
        {
            foreach (var wg in wgInterfaces.OfType<JsonObject>())
            {
                Line(text, $"Interface: {Str(wg["name"])}");
                Line(text, $"\tPublic key: {Str(wg["public-key"])}");
                Line(text, $"\tNumber of peers: {Int(wg["peer-count"])}");
            }
        }

        if (model["ztunnel"] is JsonObject ztunnel)
            Ztunnel(text, ztunnel);

        return text.ToString();
    }

    private static void Ztunnel(StringBuilder text, JsonObject ztunnel)
    {
        var endpoints = (ztunnel["grpc-endpoints"] as JsonArray)?.Select(Str).ToList() ?? [];
        var namespaces = (ztunnel["enrolled-namespaces"] as JsonArray)?.Select(Str).ToList() ?? [];
        Line(text, $"xDS/CA listener: {(endpoints.Count == 0 ? "not listening" : string.Join(", ", endpoints))}");
        Line(text, $"ZDS socket: {Str(ztunnel["zds-socket"])}");
        Line(text, $"Enrolled namespaces: {(namespaces.Count == 0 ? "none" : string.Join(", ", namespaces))}");
        Line(text, $"Mesh workloads (xDS): {Int(ztunnel["mesh-workloads"])}");
        Line(text, $"Local pods with in-pod rules: {Int(ztunnel["handed-over"])}/{Int(ztunnel["local-workloads"])}");
        Line(text, $"ztunnel connections: ZDS {Int(ztunnel["zds-connections"])}, xDS {Int(ztunnel["xds-streams"])}");
        Line(text, $"Certificates issued: {Int(ztunnel["certificates-issued"])}");
        Line(text, $"Data path: {Str(ztunnel["data-path"])}");
    }

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');

    private static string Str(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var s) ? s : node?.ToJsonString() ?? "";

    private static string Int(JsonNode? node) => node is JsonValue value && value.TryGetValue<long>(out var n)
        ? n.ToString(CultureInfo.InvariantCulture)
        : "0";
}
