using Encryption.WireGuard.Keys;
using Encryption.WireGuard.Model;
using Netlink;
using Netlink.Generic;
using System.Buffers.Binary;
using System.Net;

namespace Encryption.WireGuard.Genetlink;

/// <summary>
/// <c>WG_CMD_GET_DEVICE</c>: the request, and the reply messages merged into one <see cref="WireGuardDevice"/>.
/// The kernel splits a large device across messages: later messages carry only <c>IFNAME</c> and <c>PEERS</c>,
/// and a peer whose allowed IPs did not fit reappears with only <c>PUBLIC_KEY</c> and <c>ALLOWEDIPS</c>.
/// Peers are merged by public key (as wgctrl-go does), so a repeated peer only appends prefixes.
/// </summary>
public sealed class DeviceDump
{
    private readonly Dictionary<PublicKey, PeerAccumulator> peers = [];
    private readonly List<PeerAccumulator> order = [];
    private WireGuardDevice device;

    public DeviceDump(string name) => device = new WireGuardDevice { Name = name, Kind = WireGuardTransportKind.Kernel };

    /// <summary>Same as: the request <c>wg show NAME</c> sends.</summary>
    public static void WriteRequest(ref NetlinkWriter writer, ushort familyId, string name)
    {
        var message = writer.BeginMessage(familyId, NetlinkFlags.None);
        new GenericNetlinkHeader(WireGuardGenl.CmdGetDevice, WireGuardGenl.Version).Write(writer.Reserve(GenericNetlinkHeader.Size));
        writer.WriteString(WireGuardGenl.Device.IfName, name);
        writer.End(message);
    }

    /// <summary>Folds one reply message in.</summary>
    public void Add(NetlinkMessage message)
    {
        var attributes = message.Attributes(GenericNetlinkHeader.Size);
        while (attributes.TryRead(out var a))
        {
            switch (a.Type)
            {
                case WireGuardGenl.Device.IfIndex:
                    device = device with { InterfaceIndex = (int)a.GetU32() };
                    break;
                case WireGuardGenl.Device.IfName:
                    device = device with { Name = a.GetString() };
                    break;
                case WireGuardGenl.Device.PrivateKey when a.Payload.Length == WireGuardGenl.KeyLength:
                    if (a.Payload.IndexOfAnyExcept((byte)0) >= 0)
                        device = device with { PrivateKey = PrivateKey.FromBytes(a.Payload) };
                    break;
                case WireGuardGenl.Device.PublicKey when a.Payload.Length == WireGuardGenl.KeyLength:
                    if (a.Payload.IndexOfAnyExcept((byte)0) >= 0)
                        device = device with { PublicKey = new PublicKey(a.Payload) };
                    break;
                case WireGuardGenl.Device.ListenPort:
                    device = device with { ListenPort = a.GetU16() };
                    break;
                case WireGuardGenl.Device.FwMark:
                    device = device with { FirewallMark = a.GetU32() };
                    break;
                case WireGuardGenl.Device.Peers:
                    var list = a.GetNested();
                    while (list.TryRead(out var entry))
                        AddPeer(entry.GetNested());
                    break;
            }
        }
    }

    public WireGuardDevice Build() => device with { Peers = [.. order.Select(p => p.Build())] };

    private void AddPeer(NetlinkAttributeReader attributes)
    {
        PeerAccumulator? peer = null;
        var pending = new PeerAccumulator(default);
        while (attributes.TryRead(out var a))
        {
            switch (a.Type)
            {
                case WireGuardGenl.Peer.PublicKey:
                    var key = new PublicKey(a.Fixed(WireGuardGenl.KeyLength));
                    if (!peers.TryGetValue(key, out peer))
                    {
                        peer = new PeerAccumulator(key);
                        peers.Add(key, peer);
                        order.Add(peer);
                    }

                    break;
                case WireGuardGenl.Peer.PresharedKey:
                    pending.HasPresharedKey = a.Payload.IndexOfAnyExcept((byte)0) >= 0;
                    break;
                case WireGuardGenl.Peer.Endpoint:
                    pending.Endpoint = SockaddrCodec.Read(a.Payload);
                    break;
                case WireGuardGenl.Peer.PersistentKeepaliveInterval:
                    pending.Keepalive = a.GetU16();
                    break;
                case WireGuardGenl.Peer.LastHandshakeTime:
                    pending.LastHandshake = ReadTimespec(a.Payload);
                    break;
                case WireGuardGenl.Peer.RxBytes:
                    pending.ReceiveBytes = (long)a.GetU64();
                    break;
                case WireGuardGenl.Peer.TxBytes:
                    pending.TransmitBytes = (long)a.GetU64();
                    break;
                case WireGuardGenl.Peer.ProtocolVersion:
                    pending.ProtocolVersion = (int)a.GetU32();
                    break;
                case WireGuardGenl.Peer.AllowedIps:
                    var list = a.GetNested();
                    while (list.TryRead(out var entry))
                        pending.AllowedIPs.Add(ReadAllowedIp(entry.GetNested()));
                    break;
            }
        }

        if (peer is null)
            throw new NetlinkDecodeException("WireGuard peer without WGPEER_A_PUBLIC_KEY");
        peer.MergeFrom(pending);
    }

    private static DateTimeOffset? ReadTimespec(ReadOnlySpan<byte> payload)
    {
        // struct __kernel_timespec { __s64 tv_sec; __s64 tv_nsec; } (16 bytes); 8 bytes would be 2x s32 (old ABI).
        long seconds, nanoseconds;
        if (payload.Length >= 16)
        {
            seconds = BinaryPrimitives.ReadInt64LittleEndian(payload);
            nanoseconds = BinaryPrimitives.ReadInt64LittleEndian(payload[8..]);
        }
        else if (payload.Length >= 8)
        {
            seconds = BinaryPrimitives.ReadInt32LittleEndian(payload);
            nanoseconds = BinaryPrimitives.ReadInt32LittleEndian(payload[4..]);
        }
        else
        {
            throw new NetlinkDecodeException($"WGPEER_A_LAST_HANDSHAKE_TIME of {payload.Length} bytes");
        }

        return Uapi.UapiResponseParser.HandshakeTime(seconds, nanoseconds);
    }

    private static IPNetwork ReadAllowedIp(NetlinkAttributeReader attributes)
    {
        ushort family = 0;
        byte prefix = 0;
        IPAddress? address = null;
        while (attributes.TryRead(out var a))
        {
            switch (a.Type)
            {
                case WireGuardGenl.AllowedIp.Family: family = a.GetU16(); break;
                case WireGuardGenl.AllowedIp.IpAddr: address = new IPAddress(a.Payload.Length >= 16 ? a.Payload[..16] : a.Fixed(4)); break;
                case WireGuardGenl.AllowedIp.CidrMask: prefix = a.GetU8(); break;
            }
        }

        var expected = family == WireGuardGenl.AfInet ? 4 : family == WireGuardGenl.AfInet6 ? 16 : -1;
        if (address is null || expected < 0 || address.GetAddressBytes().Length != expected || prefix > expected * 8)
            throw new NetlinkDecodeException($"malformed WireGuard allowed IP (family {family}, prefix /{prefix})");
        return Prefixes.Masked(address, prefix);
    }

    private sealed class PeerAccumulator(PublicKey key)
    {
        public bool HasPresharedKey { get; set; }

        public IPEndPoint? Endpoint { get; set; }

        public int Keepalive { get; set; }

        public DateTimeOffset? LastHandshake { get; set; }

        public long ReceiveBytes { get; set; }

        public long TransmitBytes { get; set; }

        public int ProtocolVersion { get; set; }

        public List<IPNetwork> AllowedIPs { get; } = [];

        private bool seen;

        /// <summary>The first occurrence carries the peer's fields; continuations only add prefixes.</summary>
        public void MergeFrom(PeerAccumulator part)
        {
            if (!seen)
            {
                HasPresharedKey = part.HasPresharedKey;
                Endpoint = part.Endpoint;
                Keepalive = part.Keepalive;
                LastHandshake = part.LastHandshake;
                ReceiveBytes = part.ReceiveBytes;
                TransmitBytes = part.TransmitBytes;
                ProtocolVersion = part.ProtocolVersion;
                seen = true;
            }

            AllowedIPs.AddRange(part.AllowedIPs);
        }

        public WireGuardPeer Build() => new()
        {
            PublicKey = key,
            HasPresharedKey = HasPresharedKey,
            Endpoint = Endpoint,
            PersistentKeepalive = TimeSpan.FromSeconds(Keepalive),
            LastHandshake = LastHandshake,
            ReceiveBytes = ReceiveBytes,
            TransmitBytes = TransmitBytes,
            AllowedIPs = [.. AllowedIPs],
            ProtocolVersion = ProtocolVersion,
        };
    }
}
