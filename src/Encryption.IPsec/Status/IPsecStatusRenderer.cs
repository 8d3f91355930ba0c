using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Encryption.IPsec.Status;

/// <summary>
/// Renders <see cref="IPsecStatusReport"/> like <c>cilium-dbg encrypt status</c>: the text layout (labels padded to
/// 26 characters as Cilium's <c>%-26s</c> does) and the JSON EncryptionStatus model (<c>mode</c>, <c>msg</c>, <c>ipsec</c>).
/// </summary>
public static class IPsecStatusRenderer
{
    public const string SequenceLimit = "0xffffffffffffffff";

    public static string Text(IPsecStatusReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        if (report.Messages.Length > 0)
            text.Append("Msg: ").AppendJoin("; ", report.Messages).Append('\n');
        text.Append(CultureInfo.InvariantCulture, $"Encryption: {"IPsec",-26}\n");
        if (report.KeysInUse > 0)
        {
            text.Append("Decryption interface(s): ").AppendJoin(", ", report.DecryptInterfaces).Append('\n');
            text.Append(CultureInfo.InvariantCulture, $"Keys in use: {report.KeysInUse,-26}\n");
            text.Append(CultureInfo.InvariantCulture, $"Max Seq. Number: {MaxSeq(report)}\n");
            text.Append(CultureInfo.InvariantCulture, $"Errors: {report.ErrorCount,-26}\n");
            foreach (var (name, value) in report.XfrmErrors)
                text.Append(CultureInfo.InvariantCulture, $"\t{name}: {value,-26}\n");
        }

        return text.ToString();
    }

    public static JsonObject Json(IPsecStatusReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var model = new JsonObject { ["mode"] = "IPsec" };
        if (report.Messages.Length > 0)
            model["msg"] = string.Join("; ", report.Messages);
        if (report.KeysInUse == 0)
            return model;
        var ipsec = new JsonObject
        {
            ["decrypt-interfaces"] = new JsonArray([.. report.DecryptInterfaces.Select(i => JsonValue.Create(i))]),
        };
        if (report.ErrorCount > 0)
            ipsec["error-count"] = report.ErrorCount;
        ipsec["keys-in-use"] = report.KeysInUse;
        if (report.MaxSequenceNumber > 0)
            ipsec["max-seq-number"] = MaxSeq(report);
        if (report.XfrmErrors.Count > 0)
            ipsec["xfrm-errors"] = new JsonObject(report.XfrmErrors.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)JsonValue.Create(e.Value))));
        model["ipsec"] = ipsec;
        return model;
    }

    public static string MaxSeq(IPsecStatusReport report) =>
        report.MaxSequenceNumber == 0 ? "N/A" : $"0x{report.MaxSequenceNumber:x}/{SequenceLimit}";
}
