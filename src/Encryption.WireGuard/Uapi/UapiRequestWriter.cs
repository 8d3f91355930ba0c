using Encryption.WireGuard.Model;
using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Encryption.WireGuard.Uapi;

/// <summary>
/// Encodes UAPI requests (wireguard-go's <c>IpcHandle</c>): an op line, <c>key=value</c> lines, an empty line.
/// Lines come in the order <c>wg set</c> writes them, which is also the order that is safe to stop halfway
/// (UAPI applies line by line and stops at the first error): device keys, then each peer's
/// <c>public_key</c>, <c>remove</c>/<c>update_only</c>, endpoint, keepalive, <c>replace_allowed_ips</c>,
/// added prefixes, removed prefixes.
/// </summary>
public static class UapiRequestWriter
{
    /// <summary>Same as: <c>get=1</c>.</summary>
    public static ReadOnlySpan<byte> GetRequest => "get=1\n\n"u8;

    public static byte[] WriteSet(DeviceConfig config)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + (config?.Peers.Count ?? 0) * 192);
        WriteSet(config!, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static void WriteSet(DeviceConfig config, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(output);
        var w = new LineWriter(output);
        w.Line("set=1");
        if (config.PrivateKey is { } key)
            w.Line("private_key=", Convert.ToHexStringLower(key.Secret));
        if (config.ListenPort is { } port)
            w.Line("listen_port=", port.ToString(CultureInfo.InvariantCulture));
        if (config.FirewallMark is { } mark)
            w.Line("fwmark=", mark.ToString(CultureInfo.InvariantCulture));
        if (config.ReplacePeers)
            w.Line("replace_peers=true");
        foreach (var peer in config.Peers)
            WritePeer(ref w, peer);
        w.Line(string.Empty);
    }

    private static void WritePeer(ref LineWriter w, PeerConfig peer)
    {
        w.Line("public_key=", peer.PublicKey.ToHex());
        if (peer.Remove)
        {
            w.Line("remove=true");
            return;
        }

        if (peer.UpdateOnly)
            w.Line("update_only=true");
        if (peer.Endpoint is { } endpoint)
            w.Line("endpoint=", FormatEndpoint(endpoint));
        if (peer.PersistentKeepalive is { } keepalive)
            w.Line("persistent_keepalive_interval=", ((int)keepalive.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        if (peer.ReplaceAllowedIPs)
            w.Line("replace_allowed_ips=true");
        foreach (var prefix in peer.AllowedIPs)
            w.Line("allowed_ip=", prefix.ToString());
        foreach (var prefix in peer.RemoveAllowedIPs)
            w.Line("allowed_ip=-", prefix.ToString());
    }

    /// <summary><c>a.b.c.d:port</c> or <c>[v6]:port</c>, as wireguard-go prints and parses them.</summary>
    public static string FormatEndpoint(IPEndPoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var address = endpoint.Address.IsIPv4MappedToIPv6 ? endpoint.Address.MapToIPv4() : endpoint.Address;
        var port = endpoint.Port.ToString(CultureInfo.InvariantCulture);
        return address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]:{port}" : $"{address}:{port}";
    }

    private ref struct LineWriter(IBufferWriter<byte> output)
    {
        public readonly void Line(string key, string value = "")
        {
            var length = key.Length + value.Length + 1;
            var span = output.GetSpan(length);
            var written = Encoding.ASCII.GetBytes(key, span);
            written += Encoding.ASCII.GetBytes(value, span[written..]);
            span[written++] = (byte)'\n';
            output.Advance(written);
        }
    }
}
