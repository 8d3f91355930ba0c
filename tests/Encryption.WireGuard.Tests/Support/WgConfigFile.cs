using Encryption.WireGuard.Keys;
using Encryption.WireGuard.Model;
using System.Globalization;
using System.Net;

namespace Encryption.WireGuard.Tests.Support;

/// <summary>Reads the subset of wg(8) config files the fixtures use into a <see cref="DeviceConfig"/>, as <c>wg addconf</c> would send it.</summary>
internal static class WgConfigFile
{
    public static DeviceConfig Parse(string text)
    {
        var config = new DeviceConfig();
        var peers = new List<PeerConfig>();
        PeerConfig? peer = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
                continue;
            if (line == "[Peer]")
            {
                if (peer is not null)
                    peers.Add(peer);
                peer = new PeerConfig { PublicKey = PublicKey.Zero };
                continue;
            }

            if (line == "[Interface]")
                continue;
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            var key = line[..equals].Trim();
            var value = line[(equals + 1)..].Trim();
            if (peer is null)
            {
                config = key switch
                {
                    "PrivateKey" => config with { PrivateKey = PrivateKey.FromBase64(value) },
                    "ListenPort" => config with { ListenPort = int.Parse(value, CultureInfo.InvariantCulture) },
                    "FwMark" => config with { FirewallMark = Convert.ToUInt32(value, 16) },
                    _ => throw new FormatException(key),
                };
            }
            else
            {
                peer = key switch
                {
                    "PublicKey" => peer with { PublicKey = PublicKey.FromBase64(value) },
                    "Endpoint" => peer with { Endpoint = IPEndPoint.Parse(value) },
                    "PersistentKeepalive" => peer with { PersistentKeepalive = TimeSpan.FromSeconds(int.Parse(value, CultureInfo.InvariantCulture)) },
                    "AllowedIPs" => peer with
                    {
                        ReplaceAllowedIPs = true,
                        AllowedIPs = [.. value.Split(',').Select(s => IPNetwork.Parse(s.Trim()))],
                    },
                    _ => throw new FormatException(key),
                };
            }
        }

        if (peer is not null)
            peers.Add(peer);
        return config with { Peers = peers };
    }
}
