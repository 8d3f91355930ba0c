using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Encryption.WireGuard.Status;

/// <summary>
/// Cilium's formats, byte for byte where the spec pins them: the <c>cilium-dbg status</c> line, the
/// <c>cilium-dbg encrypt status</c> block, and the go-swagger JSON (<c>WireguardStatus</c>: keys in alphabetical
/// order, <c>omitempty</c> where Cilium has it, dates as RFC 3339 with milliseconds in UTC).
/// </summary>
public static class StatusFormatter
{
    /// <summary>
    /// <c>Encryption:\tWireguard\t[NodeEncryption: Enabled, cilium_wg0 (Pubkey: K, Port: 51871, Peers: 2)]</c>
    /// (tabs, as before Cilium's tabwriter pads them); a message replaces the bracket.
    /// </summary>
    public static string StatusLine(WireGuardStatusReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (!string.IsNullOrEmpty(report.Message))
            return $"Encryption:\tWireguard\t{report.Message}";
        var interfaces = report.Interfaces.Select(i => string.Create(CultureInfo.InvariantCulture,
            $"{i.Name} (Pubkey: {i.PublicKey}, Port: {i.ListenPort}, Peers: {i.PeerCount})"));
        return $"Encryption:\tWireguard\t[NodeEncryption: {report.NodeEncryption}, {string.Join(", ", interfaces)}]";
    }

    /// <summary>The WireGuard part of <c>cilium-dbg encrypt status</c>.</summary>
    public static string EncryptStatus(WireGuardStatusReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        if (!string.IsNullOrEmpty(report.Message))
            text.Append("Msg: ").Append(report.Message).Append('\n');
        text.Append("Encryption: Wireguard\n");
        foreach (var i in report.Interfaces)
        {
            text.Append("Interface: ").Append(i.Name).Append('\n');
            text.Append("\tPublic key: ").Append(i.PublicKey).Append('\n');
            text.Append("\tNumber of peers: ").Append(i.PeerCount.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary><c>WireguardStatus</c>; <paramref name="withPeers"/> false gives <c>"peers": null</c>, as healthz does.</summary>
    public static JsonObject WireguardStatus(WireGuardStatusReport report, bool withPeers)
    {
        ArgumentNullException.ThrowIfNull(report);
        var interfaces = new JsonArray();
        foreach (var i in report.Interfaces)
            interfaces.Add(Interface(i, withPeers));
        var status = new JsonObject { ["interfaces"] = interfaces };
        status["node-encrypt-opt-out-labels"] = report.NodeEncryptOptOutLabels;
        status["node-encryption"] = report.NodeEncryption.ToString();
        return status;
    }

    /// <summary>
    /// Cilium's <c>EncryptionStatus</c>: <c>{"mode":"Wireguard", "msg"?, "wireguard": {...}}</c>. healthz sends it without
    /// peers (<c>"peers": null</c>); <c>encrypt status -o json</c> and this agent's status API with them.
    /// </summary>
    public static JsonObject EncryptionStatus(WireGuardStatusReport report, bool withPeers = false)
    {
        var json = new JsonObject { ["mode"] = "Wireguard" };
        if (!string.IsNullOrEmpty(report?.Message))
            json["msg"] = report.Message;
        json["wireguard"] = WireguardStatus(report!, withPeers);
        return json;
    }

    /// <summary>debuginfo <c>encryption</c>: <c>{"wireguard": {...}}</c> with peers.</summary>
    public static JsonObject DebugInfo(WireGuardStatusReport report) => new() { ["wireguard"] = WireguardStatus(report, withPeers: true) };

    private static readonly JsonSerializerOptions GoLikeJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Compact JSON as Go writes it: base64 keys keep their '+' and '/' unescaped.</summary>
    public static string Serialize(JsonNode json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return json.ToJsonString(GoLikeJson);
    }

    /// <summary>strfmt.DateTime's format; a never-handshaked peer prints Go's zero time.</summary>
    public static string FormatTime(DateTimeOffset? time) =>
        (time ?? DateTimeOffset.MinValue).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static JsonObject Interface(InterfaceStatus i, bool withPeers)
    {
        var json = new JsonObject();
        if (i.ListenPort != 0)
            json["listen-port"] = i.ListenPort;
        json["name"] = i.Name;
        if (i.PeerCount != 0)
            json["peer-count"] = i.PeerCount;
        if (withPeers)
        {
            var peers = new JsonArray();
            foreach (var p in i.Peers)
                peers.Add(Peer(p));
            json["peers"] = peers;
        }
        else
        {
            json["peers"] = null;
        }

        if (i.PublicKey is { } key)
            json["public-key"] = key.ToBase64();
        return json;
    }

    private static JsonObject Peer(PeerStatus p)
    {
        var allowed = new JsonArray();
        foreach (var prefix in p.AllowedIPs)
            allowed.Add(prefix);
        var json = new JsonObject { ["allowed-ips"] = allowed };
        if (!string.IsNullOrEmpty(p.Endpoint))
            json["endpoint"] = p.Endpoint;
        json["last-handshake-time"] = FormatTime(p.LastHandshake);
        json["public-key"] = p.PublicKey.ToBase64();
        if (p.TransferRx != 0)
            json["transfer-rx"] = p.TransferRx;
        if (p.TransferTx != 0)
            json["transfer-tx"] = p.TransferTx;
        return json;
    }
}
