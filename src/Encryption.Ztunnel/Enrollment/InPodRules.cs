using System.Globalization;
using System.Text;

namespace Encryption.Ztunnel.Enrollment;

/// <summary>
/// The in-pod redirection, as nftables and iproute2 batch text (pure). Same effect as Cilium's iptables
/// rules (pkg/ztunnel/iptables/inpod.go), in one table this agent owns, so installing replaces it
/// atomically and removing deletes it whole (idempotent both ways):
/// outbound TCP to 15001, inbound plaintext TCP to 15006 (15008 HBONE untouched), ztunnel's own
/// sockets (mark 0x539) exempt, and its connections' replies routed locally via table 100.
/// </summary>
public static class InPodRules
{
    public const string Table = "ztunnel_inpod";
    public const int OutboundPort = 15001;
    public const int InboundPlaintextPort = 15006;
    public const int HbonePort = 15008;
    public const uint ZtunnelMark = 0x539;
    public const uint ConnMark = 0x111;
    public const uint Mask = 0xfff;
    public const int RouteTable = 100;
    public const int RulePriority = 32764;

    /// <summary>Same as: <c>nft -f -</c> with this text (creates or replaces the table).</summary>
    public static string NftInstall()
    {
        var mark = Hex(ZtunnelMark);
        var conn = Hex(ConnMark);
        var mask = Hex(Mask);
        var keep = Hex(~Mask);
        var s = new StringBuilder();
        // "add" then "delete" makes the delete succeed whether or not the table exists; one transaction.
        s.AppendLine(CultureInfo.InvariantCulture, $"table inet {Table} {{}}");
        s.AppendLine(CultureInfo.InvariantCulture, $"delete table inet {Table}");
        s.AppendLine(CultureInfo.InvariantCulture, $"table inet {Table} {{");
        s.AppendLine("  chain prerouting_mangle {");
        s.AppendLine("    type filter hook prerouting priority mangle; policy accept;");
        s.AppendLine(CultureInfo.InvariantCulture, $"    meta mark & {mask} == {mark} ct mark set ct mark & {keep} | {conn}");
        s.AppendLine("  }");
        s.AppendLine("  chain prerouting_nat {");
        s.AppendLine("    type nat hook prerouting priority dstnat; policy accept;");
        s.AppendLine(CultureInfo.InvariantCulture, $"    meta l4proto tcp ip daddr != 127.0.0.1 tcp dport != {HbonePort} meta mark & {mask} != {mark} redirect to :{InboundPlaintextPort}");
        s.AppendLine(CultureInfo.InvariantCulture, $"    meta l4proto tcp ip6 daddr != ::1 tcp dport != {HbonePort} meta mark & {mask} != {mark} redirect to :{InboundPlaintextPort}");
        s.AppendLine("  }");
        s.AppendLine("  chain output_mangle {");
        s.AppendLine("    type route hook output priority mangle; policy accept;");
        s.AppendLine(CultureInfo.InvariantCulture, $"    ct mark & {mask} == {conn} meta mark set ct mark");
        s.AppendLine("  }");
        s.AppendLine("  chain output_nat {");
        s.AppendLine("    type nat hook output priority -100; policy accept;");
        s.AppendLine(CultureInfo.InvariantCulture, $"    meta l4proto tcp meta mark & {mask} == {conn} accept");
        s.AppendLine("    ip daddr != 127.0.0.1 oifname \"lo\" accept");
        s.AppendLine("    ip6 daddr != ::1 oifname \"lo\" accept");
        s.AppendLine(CultureInfo.InvariantCulture, $"    meta l4proto tcp ip daddr != 127.0.0.1 meta mark & {mask} != {mark} redirect to :{OutboundPort}");
        s.AppendLine(CultureInfo.InvariantCulture, $"    meta l4proto tcp ip6 daddr != ::1 meta mark & {mask} != {mark} redirect to :{OutboundPort}");
        s.AppendLine("  }");
        s.AppendLine("}");
        return s.ToString();
    }

    /// <summary>Same as: <c>nft -f -</c> with this text (deletes the table; no error when absent).</summary>
    public static string NftRemove() =>
        $"table inet {Table} {{}}\ndelete table inet {Table}\n";

    /// <summary>
    /// Same as: <c>ip -4 -force -batch -</c> (or <c>-6</c>) with this text: the policy rule and local route
    /// that deliver connmarked replies to ztunnel's sockets. The rule is deleted first so re-running never
    /// duplicates it.
    /// </summary>
    public static string IpInstall(bool ipv6) =>
        IpRemove(ipv6) +
        $"rule add priority {RulePriority} fwmark {Hex(ConnMark)}/{Hex(Mask)} lookup {RouteTable}\n" +
        $"route replace local {(ipv6 ? "::/0" : "0.0.0.0/0")} dev lo table {RouteTable}\n";

    /// <summary>Same as: <c>ip -4|-6 -force -batch -</c> with this text; each line may fail harmlessly when already gone.</summary>
    public static string IpRemove(bool ipv6) =>
        $"rule del priority {RulePriority} fwmark {Hex(ConnMark)}/{Hex(Mask)} lookup {RouteTable}\n" +
        $"route del local {(ipv6 ? "::/0" : "0.0.0.0/0")} dev lo table {RouteTable}\n";

    private static string Hex(uint value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);
}
