namespace Encryption.WireGuard.Genetlink;

/// <summary>
/// Names and numbers of the kernel's WireGuard generic-netlink API (<c>&lt;linux/wireguard.h&gt;</c>).
/// The family id is dynamic: resolve <see cref="FamilyName"/> with <c>CTRL_CMD_GETFAMILY</c>, never hard-code it.
/// </summary>
public static class WireGuardGenl
{
    public const string FamilyName = "wireguard";
    public const byte Version = 1;

    /// <summary><c>WG_CMD_GET_DEVICE</c>: only as <c>NLM_F_REQUEST | NLM_F_DUMP</c>.</summary>
    public const byte CmdGetDevice = 0;

    /// <summary><c>WG_CMD_SET_DEVICE</c>.</summary>
    public const byte CmdSetDevice = 1;

    public const int KeyLength = 32;

    /// <summary><c>enum wgdevice_attribute</c>.</summary>
    public static class Device
    {
        public const ushort IfIndex = 1;
        public const ushort IfName = 2;
        public const ushort PrivateKey = 3;
        public const ushort PublicKey = 4;
        public const ushort Flags = 5;
        public const ushort ListenPort = 6;
        public const ushort FwMark = 7;
        public const ushort Peers = 8;

        /// <summary><c>WGDEVICE_F_REPLACE_PEERS</c>.</summary>
        public const uint FlagReplacePeers = 1;
    }

    /// <summary><c>enum wgpeer_attribute</c>.</summary>
    public static class Peer
    {
        public const ushort PublicKey = 1;
        public const ushort PresharedKey = 2;
        public const ushort Flags = 3;
        public const ushort Endpoint = 4;
        public const ushort PersistentKeepaliveInterval = 5;
        public const ushort LastHandshakeTime = 6;
        public const ushort RxBytes = 7;
        public const ushort TxBytes = 8;
        public const ushort AllowedIps = 9;
        public const ushort ProtocolVersion = 10;

        /// <summary><c>WGPEER_F_REMOVE_ME</c>.</summary>
        public const uint FlagRemoveMe = 1;

        /// <summary><c>WGPEER_F_REPLACE_ALLOWEDIPS</c>: never sent by this product (it empties a live peer's list first).</summary>
        public const uint FlagReplaceAllowedIps = 2;

        /// <summary><c>WGPEER_F_UPDATE_ONLY</c>.</summary>
        public const uint FlagUpdateOnly = 4;
    }

    /// <summary><c>enum wgallowedip_attribute</c>.</summary>
    public static class AllowedIp
    {
        public const ushort Family = 1;
        public const ushort IpAddr = 2;
        public const ushort CidrMask = 3;

        /// <summary><c>WGALLOWEDIP_A_FLAGS</c> (Linux 6.16+).</summary>
        public const ushort Flags = 4;

        /// <summary><c>WGALLOWEDIP_F_REMOVE_ME</c> (Linux 6.16+).</summary>
        public const uint FlagRemoveMe = 1;
    }

    public const ushort AfInet = 2;
    public const ushort AfInet6 = 10;
}
