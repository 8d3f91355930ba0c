namespace Encryption.Cli.Lab.Verify;

/// <summary>What <c>lab verify</c> counts on the underlay. The last three are the encrypted envelopes of the backends.</summary>
internal enum PacketKind
{
    /// <summary>ICMP (v4) and ICMPv6 echo.</summary>
    Icmp,

    /// <summary>TCP on any port but 15008.</summary>
    Tcp,

    /// <summary>WireGuard: UDP to or from port 51871.</summary>
    UdpWireGuard,

    /// <summary>IPsec: ESP (IP protocol 50).</summary>
    Esp,

    /// <summary>ztunnel HBONE: TCP to or from port 15008 (mTLS).</summary>
    TcpHbone,

    /// <summary>Everything else: ARP, neighbour discovery, other UDP, other protocols.</summary>
    Other,
}

internal static class PacketKinds
{
    public static readonly IReadOnlyList<PacketKind> All = Enum.GetValues<PacketKind>();

    public static string Label(this PacketKind kind) => kind switch
    {
        PacketKind.Icmp => "ICMP",
        PacketKind.Tcp => "TCP",
        PacketKind.UdpWireGuard => "UDP 51871",
        PacketKind.Esp => "ESP",
        PacketKind.TcpHbone => "TCP 15008",
        _ => "other",
    };

    /// <summary>An encrypted envelope: its payload cannot be plaintext pod traffic.</summary>
    public static bool IsEncrypted(this PacketKind kind) => kind is PacketKind.Esp or PacketKind.UdpWireGuard or PacketKind.TcpHbone;

    /// <summary>The envelope a backend's traffic travels in on the underlay; null for none.</summary>
    public static PacketKind? EnvelopeOf(string backend) => backend switch
    {
        "ipsec" => PacketKind.Esp,
        "wireguard" => PacketKind.UdpWireGuard,
        "ztunnel" => PacketKind.TcpHbone,
        _ => null,
    };
}
