using Encryption.WireGuard.Model;
using Netlink;
using Netlink.Generic;
using System.Net;
using System.Net.Sockets;

namespace Encryption.WireGuard.Genetlink;

/// <summary>
/// Writes one <c>WG_CMD_SET_DEVICE</c> message of a <see cref="SetMessagePlan"/>. Attribute order follows
/// <c>wg(8)</c>: device <c>IFNAME, PRIVATE_KEY, LISTEN_PORT, FWMARK, FLAGS, PEERS</c>; peer
/// <c>PUBLIC_KEY, ENDPOINT, PERSISTENT_KEEPALIVE_INTERVAL, FLAGS, ALLOWEDIPS</c>; allowed IP
/// <c>FAMILY, IPADDR, CIDR_MASK[, FLAGS]</c>. Array elements are nested attributes of type 0, as the kernel emits them.
/// </summary>
public static class SetMessageWriter
{
    public static void Write(ref NetlinkWriter writer, ushort familyId, string deviceName, DeviceConfig config, SetMessagePlan plan, int messageIndex)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(plan);
        var message = writer.BeginMessage(familyId, NetlinkFlags.None);
        new GenericNetlinkHeader(WireGuardGenl.CmdSetDevice, WireGuardGenl.Version).Write(writer.Reserve(GenericNetlinkHeader.Size));
        writer.WriteString(WireGuardGenl.Device.IfName, deviceName);
        if (messageIndex == 0)
            WriteDeviceAttributes(ref writer, config);

        var fragments = plan.Messages[messageIndex];
        if (fragments.Count > 0)
        {
            var peers = writer.BeginNested(WireGuardGenl.Device.Peers);
            foreach (var fragment in fragments)
                WritePeer(ref writer, config.Peers[fragment.PeerIndex], fragment);
            writer.End(peers);
        }

        writer.End(message);
    }

    private static void WriteDeviceAttributes(ref NetlinkWriter writer, DeviceConfig config)
    {
        if (config.PrivateKey is { } key)
            writer.WriteAttribute(WireGuardGenl.Device.PrivateKey, key.Secret);
        if (config.ListenPort is { } port)
            writer.WriteU16(WireGuardGenl.Device.ListenPort, checked((ushort)port));
        if (config.FirewallMark is { } mark)
            writer.WriteU32(WireGuardGenl.Device.FwMark, mark);
        if (config.ReplacePeers)
            writer.WriteU32(WireGuardGenl.Device.Flags, WireGuardGenl.Device.FlagReplacePeers);
    }

    private static void WritePeer(ref NetlinkWriter writer, PeerConfig peer, PeerFragment fragment)
    {
        var nest = writer.BeginNested(0);
        peer.PublicKey.CopyTo(writer.ReserveAttribute(WireGuardGenl.Peer.PublicKey, WireGuardGenl.KeyLength));
        if (fragment.First && !peer.Remove)
        {
            if (peer.Endpoint is { } endpoint)
                SockaddrCodec.Write(endpoint, writer.ReserveAttribute(WireGuardGenl.Peer.Endpoint, SockaddrCodec.Size(endpoint)));
            if (peer.PersistentKeepalive is { } keepalive)
                writer.WriteU16(WireGuardGenl.Peer.PersistentKeepaliveInterval, checked((ushort)keepalive.TotalSeconds));
        }

        var flags = SetMessagePlan.PeerFlags(peer, fragment.First);
        if (flags != 0)
            writer.WriteU32(WireGuardGenl.Peer.Flags, flags);

        if (fragment.OpensList)
        {
            var list = writer.BeginNested(WireGuardGenl.Peer.AllowedIps);
            for (var i = fragment.EntryStart; i < fragment.EntryStart + fragment.EntryCount; i++)
            {
                var (prefix, remove) = SetMessagePlan.Entry(peer, i);
                WriteAllowedIp(ref writer, prefix, remove);
            }

            writer.End(list);
        }

        writer.End(nest);
    }

    private static void WriteAllowedIp(ref NetlinkWriter writer, IPNetwork prefix, bool remove)
    {
        var nest = writer.BeginNested(0);
        var v4 = prefix.BaseAddress.AddressFamily == AddressFamily.InterNetwork;
        writer.WriteU16(WireGuardGenl.AllowedIp.Family, v4 ? WireGuardGenl.AfInet : WireGuardGenl.AfInet6);
        prefix.BaseAddress.TryWriteBytes(writer.ReserveAttribute(WireGuardGenl.AllowedIp.IpAddr, v4 ? 4 : 16), out _);
        writer.WriteU8(WireGuardGenl.AllowedIp.CidrMask, (byte)prefix.PrefixLength);
        if (remove)
            writer.WriteU32(WireGuardGenl.AllowedIp.Flags, WireGuardGenl.AllowedIp.FlagRemoveMe);
        writer.End(nest);
    }
}
