namespace Encryption.WireGuard.Routing;

/// <summary>rtnetlink numbers used here (&lt;linux/rtnetlink.h&gt;, &lt;linux/if_link.h&gt;, &lt;linux/fib_rules.h&gt;).</summary>
public static class Rtnetlink
{
    public const ushort NewLink = 16;
    public const ushort DelLink = 17;
    public const ushort GetLink = 18;
    public const ushort NewRoute = 24;
    public const ushort DelRoute = 25;
    public const ushort GetRoute = 26;
    public const ushort NewRule = 32;
    public const ushort DelRule = 33;

    public const ushort IflaIfName = 3;
    public const ushort IflaMtu = 4;
    public const ushort IflaLinkInfo = 18;
    public const ushort IflaInfoKind = 1;
    public const uint IffUp = 0x1;

    public const ushort RtaDst = 1;
    public const ushort RtaOif = 4;
    public const ushort RtaTable = 15;

    public const ushort FraPriority = 6;
    public const ushort FraFwMark = 10;
    public const ushort FraTable = 15;
    public const ushort FraFwMask = 16;

    public const byte RtnUnicast = 1;
    public const byte RtScopeLink = 253;
    public const byte FrActToTable = 1;
    public const uint FibRuleInvert = 0x2;

    /// <summary>The <c>rtm_protocol</c> marking routes this agent owns (<c>ip route</c> shows <c>proto 201</c>).</summary>
    public const byte OwnRouteProtocol = 201;

    public const byte AfInet = 2;
    public const byte AfInet6 = 10;

    /// <summary><c>struct ifinfomsg</c>: family, pad, type (u16), index (s32), flags (u32), change (u32).</summary>
    public const int IfInfoMsgSize = 16;

    /// <summary><c>struct rtmsg</c>: family, dst_len, src_len, tos, table, protocol, scope, type (u8 each), flags (u32).</summary>
    public const int RtMsgSize = 12;

    /// <summary><c>struct fib_rule_hdr</c>: family, dst_len, src_len, tos, table, res1, res2, action (u8 each), flags (u32).</summary>
    public const int FibRuleHdrSize = 12;
}
