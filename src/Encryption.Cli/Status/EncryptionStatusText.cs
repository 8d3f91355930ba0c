using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Encryption.Cli.Status;

/// <summary>
/// Renders Cilium's EncryptionStatus model (the <c>json</c> of the agent's status) in the exact layout of
/// <c>cilium-dbg encrypt status</c>, padding included: <c>Encryption: %-26s</c>, <c>Keys in use: %-26d</c>,
/// <c>Errors: %-26d</c> and <c>\t%s: %-26d</c> per XFRM error counter (sorted by name here; Go's map order is random).
/// Fields the model omits (omitempty) print as Cilium prints their zero value; an absent max sequence number is N/A.
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

        return text.ToString();
    }

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');

    private static string Str(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var s) ? s : node?.ToJsonString() ?? "";

    private static string Int(JsonNode? node) => node is JsonValue value && value.TryGetValue<long>(out var n)
        ? n.ToString(CultureInfo.InvariantCulture)
        : "0";
}
