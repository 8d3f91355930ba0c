using Encryption.WireGuard.Keys;
using Encryption.WireGuard.Model;
using System.Collections.Immutable;
using System.Globalization;
using System.Net;

namespace Encryption.WireGuard.Uapi;

/// <summary>
/// Decodes UAPI responses. <c>get</c>: device keys, then one block per peer starting at <c>public_key</c>, then
/// <c>errno=N</c>. <c>set</c>: only <c>errno=N</c>. wireguard-go sends negative errnos; any non-zero value is a
/// failure, reported as its absolute value. Unknown keys are skipped (newer implementations add some).
/// </summary>
public static class UapiResponseParser
{
    /// <summary>Parses the <c>errno=</c> line of a <c>set</c> reply; throws on non-zero.</summary>
    public static void ParseSet(string response, string operation)
    {
        ArgumentNullException.ThrowIfNull(response);
        foreach (var (key, value) in Lines(response))
        {
            if (key == "errno")
            {
                ThrowIfError(value, operation);
                return;
            }
        }

        throw new WireGuardException($"{operation}: UAPI reply has no errno line");
    }

    public static WireGuardDevice ParseGet(string name, string response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var operation = $"get WireGuard device {name} over UAPI";
        var device = new WireGuardDevice { Name = name, Kind = WireGuardTransportKind.Userspace };
        var peers = ImmutableArray.CreateBuilder<WireGuardPeer>();
        PeerBuilder? peer = null;
        long handshakeSeconds = 0, handshakeNanoseconds = 0;
        var sawErrno = false;
        foreach (var (key, value) in Lines(response))
        {
            try
            {
                switch (key)
                {
                    case "errno":
                        ThrowIfError(value, operation);
                        sawErrno = true;
                        break;
                    case "private_key" when peer is null:
                        var privateKey = PrivateKey.FromHex(value);
                        device = device with { PrivateKey = privateKey, PublicKey = privateKey.PublicKey };
                        break;
                    case "listen_port" when peer is null:
                        device = device with { ListenPort = int.Parse(value, CultureInfo.InvariantCulture) };
                        break;
                    case "fwmark" when peer is null:
                        device = device with { FirewallMark = uint.Parse(value, CultureInfo.InvariantCulture) };
                        break;
                    case "public_key":
                        if (peer is not null)
                            peers.Add(peer.Build(handshakeSeconds, handshakeNanoseconds));
                        peer = new PeerBuilder(PublicKey.FromHex(value));
                        handshakeSeconds = handshakeNanoseconds = 0;
                        break;
                    case "preshared_key" when peer is not null:
                        peer.HasPresharedKey = value.AsSpan().IndexOfAnyExcept('0') >= 0;
                        break;
                    case "protocol_version" when peer is not null:
                        peer.ProtocolVersion = int.Parse(value, CultureInfo.InvariantCulture);
                        break;
                    case "endpoint" when peer is not null:
                        peer.Endpoint = IPEndPoint.Parse(value);
                        break;
                    case "last_handshake_time_sec" when peer is not null:
                        handshakeSeconds = long.Parse(value, CultureInfo.InvariantCulture);
                        break;
                    case "last_handshake_time_nsec" when peer is not null:
                        handshakeNanoseconds = long.Parse(value, CultureInfo.InvariantCulture);
                        break;
                    case "tx_bytes" when peer is not null:
                        peer.TransmitBytes = long.Parse(value, CultureInfo.InvariantCulture);
                        break;
                    case "rx_bytes" when peer is not null:
                        peer.ReceiveBytes = long.Parse(value, CultureInfo.InvariantCulture);
                        break;
                    case "persistent_keepalive_interval" when peer is not null:
                        peer.PersistentKeepalive = TimeSpan.FromSeconds(int.Parse(value, CultureInfo.InvariantCulture));
                        break;
                    case "allowed_ip" when peer is not null:
                        peer.AllowedIPs.Add(IPNetwork.Parse(value));
                        break;
                }
            }
            catch (FormatException e)
            {
                // The value is not echoed: for private_key it would be key material.
                throw new WireGuardException($"{operation}: malformed value for \"{key}\"", 0, e);
            }
            catch (OverflowException e)
            {
                throw new WireGuardException($"{operation}: value out of range for \"{key}\"", 0, e);
            }
        }

        if (!sawErrno)
            throw new WireGuardException($"{operation}: reply has no errno line");
        if (peer is not null)
            peers.Add(peer.Build(handshakeSeconds, handshakeNanoseconds));
        return device with { Peers = peers.ToImmutable() };
    }

    /// <summary>
    /// The handshake time, or null for "never". Either part being non-zero counts (wgctrl-go requires both, so it
    /// reads a handshake at exactly .000000000 as "never").
    /// </summary>
    public static DateTimeOffset? HandshakeTime(long seconds, long nanoseconds) =>
        seconds == 0 && nanoseconds == 0
            ? null
            : DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(nanoseconds / 100);

    private static void ThrowIfError(string value, string operation)
    {
        if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var errno))
            throw new WireGuardException($"{operation}: unparsable errno \"{value}\"");
        if (errno != 0)
        {
            var positive = Math.Abs(errno);
            throw new WireGuardException($"{operation}: device answered errno={errno} ({Netlink.Errno.Name(positive)}: {Netlink.Errno.Describe(positive)})", positive);
        }
    }

    private static IEnumerable<(string Key, string Value)> Lines(string response)
    {
        var start = 0;
        while (start < response.Length)
        {
            var end = response.IndexOf('\n', start);
            if (end < 0)
                end = response.Length;
            if (end == start)
                yield break;
            var equals = response.IndexOf('=', start, end - start);
            if (equals < 0)
                throw new WireGuardException($"UAPI reply line without '=': \"{response[start..end]}\"");
            yield return (response[start..equals], response[(equals + 1)..end]);
            start = end + 1;
        }
    }

    private sealed class PeerBuilder(PublicKey publicKey)
    {
        public bool HasPresharedKey { get; set; }

        public IPEndPoint? Endpoint { get; set; }

        public TimeSpan PersistentKeepalive { get; set; }

        public long ReceiveBytes { get; set; }

        public long TransmitBytes { get; set; }

        public int ProtocolVersion { get; set; }

        public List<IPNetwork> AllowedIPs { get; } = [];

        public WireGuardPeer Build(long seconds, long nanoseconds) => new()
        {
            PublicKey = publicKey,
            HasPresharedKey = HasPresharedKey,
            Endpoint = Endpoint,
            PersistentKeepalive = PersistentKeepalive,
            LastHandshake = HandshakeTime(seconds, nanoseconds),
            ReceiveBytes = ReceiveBytes,
            TransmitBytes = TransmitBytes,
            AllowedIPs = [.. AllowedIPs],
            ProtocolVersion = ProtocolVersion,
        };
    }
}
