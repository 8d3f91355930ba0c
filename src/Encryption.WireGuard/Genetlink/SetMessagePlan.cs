using Encryption.WireGuard.Model;
using Netlink;
using Netlink.Generic;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Encryption.WireGuard.Genetlink;

/// <summary>One peer's share of one SET message: its first fragment carries endpoint and keepalive.</summary>
/// <param name="PeerIndex">Index into <see cref="DeviceConfig.Peers"/>.</param>
/// <param name="First">Whether this is the peer's first fragment (endpoint, keepalive go only there).</param>
/// <param name="EntryStart">First allowed-IP entry (adds, then removals) in this fragment.</param>
/// <param name="EntryCount">How many entries this fragment carries.</param>
/// <param name="OpensList">
/// Whether the fragment has a <c>WGPEER_A_ALLOWEDIPS</c> nest; it can be empty when the nest header fitted but no
/// prefix did (the kernel accepts that, and it is what <c>wg</c> sends).
/// </param>
public readonly record struct PeerFragment(int PeerIndex, bool First, int EntryStart, int EntryCount, bool OpensList);

/// <summary>
/// How a <see cref="DeviceConfig"/> is split into <c>WG_CMD_SET_DEVICE</c> messages of at most
/// <see cref="MaxMessageBytes"/> each, filled greedily the way <c>wg(8)</c> fills its page-sized messages:
/// <list type="bullet">
/// <item>device attributes (private key, port, fwmark, <c>REPLACE_PEERS</c>) only in the first message; every
///   message repeats <c>IFNAME</c> (the kernel header: "each successive one filling in information not contained in the prior");</item>
/// <item>a peer whose header (key, endpoint, keepalive, flags) does not fit moves whole to the next message;</item>
/// <item>a peer whose allowed IPs do not fit continues in the next message with only its key, its repeated
///   <c>REMOVE_ME</c>/<c>UPDATE_ONLY</c> flags and the remaining prefixes.</item>
/// </list>
/// Pure: sizes are computed, nothing is written.
/// </summary>
public sealed class SetMessagePlan
{
    /// <summary>The page size <c>wg(8)</c> uses for its messages on x86_64.</summary>
    public const int WgToolMessageBytes = 4096;

    public const int DefaultMaxMessageBytes = 16 * 1024;

    private const int Header = NetlinkHeader.Size + GenericNetlinkHeader.Size;
    private const int AttrHeader = NetlinkAttribute.HeaderSize;
    private const int KeyAttr = AttrHeader + WireGuardGenl.KeyLength;
    private const int U32Attr = AttrHeader + 4;
    private const int SmallAttr = AttrHeader + 4; // u8 / u16 padded to 4

    private SetMessagePlan(int maxMessageBytes, IReadOnlyList<IReadOnlyList<PeerFragment>> messages)
    {
        MaxMessageBytes = maxMessageBytes;
        Messages = messages;
    }

    public int MaxMessageBytes { get; }

    /// <summary>Per message, the peer fragments it carries (the first message may carry none: device settings only).</summary>
    public IReadOnlyList<IReadOnlyList<PeerFragment>> Messages { get; }

    public static SetMessagePlan Create(string deviceName, DeviceConfig config, int maxMessageBytes = DefaultMaxMessageBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(deviceName);
        ArgumentNullException.ThrowIfNull(config);
        var common = Header + Aligned(AttrHeader + Encoding.UTF8.GetByteCount(deviceName) + 1);
        var first = common + DeviceAttributesSize(config);
        if (first + AttrHeader + 512 > maxMessageBytes)
            throw new ArgumentOutOfRangeException(nameof(maxMessageBytes), maxMessageBytes, "too small for one peer");

        var messages = new List<IReadOnlyList<PeerFragment>>();
        var current = new List<PeerFragment>();
        var position = first + (config.Peers.Count > 0 ? AttrHeader : 0);
        var peerIndex = 0;
        var entry = 0;
        var firstFragment = true;
        while (peerIndex < config.Peers.Count)
        {
            var peer = config.Peers[peerIndex];
            var entries = EntryCount(peer);
            var head = PeerHeaderSize(peer, firstFragment);
            if (position + head > maxMessageBytes)
            {
                Flush();
                continue;
            }

            var start = entry;
            var fits = position + head;
            var opensList = entry < entries && fits + AttrHeader <= maxMessageBytes;
            if (opensList)
            {
                fits += AttrHeader;
                while (entry < entries && fits + EntrySize(peer, entry) <= maxMessageBytes)
                    fits += EntrySize(peer, entry++);
            }

            current.Add(new PeerFragment(peerIndex, firstFragment, start, entry - start, opensList));
            position = fits;
            if (entry < entries)
            {
                firstFragment = false;
                Flush();
                continue;
            }

            peerIndex++;
            entry = 0;
            firstFragment = true;
        }

        if (current.Count > 0 || messages.Count == 0)
            messages.Add(current);
        return new SetMessagePlan(maxMessageBytes, messages);

        void Flush()
        {
            messages.Add(current);
            current = [];
            position = common + AttrHeader;
        }
    }

    internal static int EntryCount(PeerConfig peer) => peer.Remove ? 0 : peer.AllowedIPs.Count + peer.RemoveAllowedIPs.Count;

    internal static (IPNetwork Prefix, bool Remove) Entry(PeerConfig peer, int index) =>
        index < peer.AllowedIPs.Count ? (peer.AllowedIPs[index], false) : (peer.RemoveAllowedIPs[index - peer.AllowedIPs.Count], true);

    /// <summary>Peer flags of one fragment: REMOVE_ME and UPDATE_ONLY on every fragment, REPLACE_ALLOWEDIPS only on the first.</summary>
    internal static uint PeerFlags(PeerConfig peer, bool first) =>
        (peer.Remove ? WireGuardGenl.Peer.FlagRemoveMe : 0)
        | (peer.UpdateOnly ? WireGuardGenl.Peer.FlagUpdateOnly : 0)
        | (first && peer.ReplaceAllowedIPs && !peer.Remove ? WireGuardGenl.Peer.FlagReplaceAllowedIps : 0);

    private static int DeviceAttributesSize(DeviceConfig config) =>
        (config.PrivateKey is not null ? KeyAttr : 0)
        + (config.ListenPort is not null ? SmallAttr : 0)
        + (config.FirewallMark is not null ? U32Attr : 0)
        + (config.ReplacePeers ? U32Attr : 0);

    private static int PeerHeaderSize(PeerConfig peer, bool first)
    {
        var size = AttrHeader + KeyAttr + (PeerFlags(peer, first) != 0 ? U32Attr : 0);
        if (first && !peer.Remove)
        {
            if (peer.Endpoint is { } endpoint)
                size += AttrHeader + SockaddrCodec.Size(endpoint);
            if (peer.PersistentKeepalive is not null)
                size += SmallAttr;
        }

        return size;
    }

    private static int EntrySize(PeerConfig peer, int index)
    {
        var (prefix, remove) = Entry(peer, index);
        var address = prefix.BaseAddress.AddressFamily == AddressFamily.InterNetwork ? 4 : 16;
        return AttrHeader + SmallAttr + AttrHeader + address + SmallAttr + (remove ? U32Attr : 0);
    }

    private static int Aligned(int length) => NetlinkAlignment.Align(length);
}
