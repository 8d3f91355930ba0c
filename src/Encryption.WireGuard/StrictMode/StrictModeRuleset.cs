using Encryption.WireGuard.Model;
using System.Globalization;
using System.Net;
using System.Text;

namespace Encryption.WireGuard.StrictMode;

/// <summary>The facts a strict-mode ruleset is made of.</summary>
public sealed record StrictModeInputs
{
    public required string DeviceName { get; init; }

    public uint FirewallMark { get; init; }

    /// <summary>The strict CIDRs (normally the cluster pod CIDR).</summary>
    public IReadOnlyList<IPNetwork> Cidrs { get; init; } = [];

    /// <summary>This node's own addresses: plaintext from them is allowed (Cilium's node-IP exception).</summary>
    public IReadOnlyList<IPAddress> LocalNodeAddresses { get; init; } = [];

    /// <summary>This node's pod CIDRs: local delivery never leaves the node.</summary>
    public IReadOnlyList<IPNetwork> LocalPodCidrs { get; init; } = [];

    /// <summary>Other nodes' addresses, exempt as destinations when <c>allowRemoteNodeIdentities</c> is set (else empty).</summary>
    public IReadOnlyList<IPAddress> RemoteNodeAddresses { get; init; } = [];

    /// <summary>Render the egress chain (strict egress).</summary>
    public bool Egress { get; init; } = true;

    /// <summary>Render the ingress chain (strict ingress).</summary>
    public bool Ingress { get; init; }

    /// <summary>Other nodes' pod CIDRs: with strict ingress, traffic from them to local pods must come out of the device.</summary>
    public IReadOnlyList<IPNetwork> RemotePodCidrs { get; init; } = [];
}

/// <summary>
/// Renders strict egress mode as one nftables table owned by this agent (<c>inet cilium_wg_strict</c>), replaced
/// atomically: <c>table</c> + <c>delete table</c> + the new table in one <c>nft -f</c> transaction, so re-applying is
/// idempotent and nothing else's rules are touched. Hook: postrouting, after routing decided the output interface:
/// traffic into the WireGuard device, the device's own marked UDP packets, traffic from the node's addresses and to
/// local pods pass; other packets with source and destination inside a strict CIDR are counted and dropped.
/// Strict ingress (Cilium 1.19's <c>strictMode.ingress</c>, WireGuard only) adds a prerouting chain: traffic from a
/// remote node's pod CIDR to a local pod that did not come out of the WireGuard device (was not decrypted) is counted
/// and dropped. Pure.
/// </summary>
public static class StrictModeRuleset
{
    public const string Table = "cilium_wg_strict";

    public static string Render(StrictModeInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var text = new StringBuilder();
        text.Append(Remove());
        text.Append(CultureInfo.InvariantCulture, $"table inet {Table} {{\n");
        if (inputs.Ingress)
            AppendIngress(text, inputs);
        if (!inputs.Egress)
        {
            text.Append("}\n");
            return text.ToString();
        }

        text.Append("\tchain egress {\n");
        text.Append("\t\ttype filter hook postrouting priority filter; policy accept;\n");
        text.Append(CultureInfo.InvariantCulture, $"\t\toifname \"{inputs.DeviceName}\" accept\n");
        if (inputs.FirewallMark != 0)
            text.Append(CultureInfo.InvariantCulture, $"\t\tmeta mark 0x{inputs.FirewallMark:x8} accept\n");
        foreach (var v4 in new[] { true, false })
        {
            var ip = v4 ? "ip" : "ip6";
            var local = Set(inputs.LocalNodeAddresses.Where(a => IsV4(a) == v4).Select(a => a.ToString()));
            if (local is not null)
                text.Append(CultureInfo.InvariantCulture, $"\t\t{ip} saddr {local} accept\n");
            var pods = Set(inputs.LocalPodCidrs.Where(c => Prefixes.IsIPv4(c) == v4).Select(c => c.ToString()));
            if (pods is not null)
                text.Append(CultureInfo.InvariantCulture, $"\t\t{ip} daddr {pods} accept\n");
            var remote = Set(inputs.RemoteNodeAddresses.Where(a => IsV4(a) == v4).Select(a => a.ToString()));
            if (remote is not null)
                text.Append(CultureInfo.InvariantCulture, $"\t\t{ip} daddr {remote} accept\n");
            var strict = Set(inputs.Cidrs.Where(c => Prefixes.IsIPv4(c) == v4).Select(c => c.ToString()));
            if (strict is not null)
                text.Append(CultureInfo.InvariantCulture, $"\t\t{ip} saddr {strict} {ip} daddr {strict} counter drop comment \"unencrypted\"\n");
        }

        text.Append("\t}\n}\n");
        return text.ToString();
    }

    private static void AppendIngress(StringBuilder text, StrictModeInputs inputs)
    {
        text.Append("\tchain ingress {\n");
        text.Append("\t\ttype filter hook prerouting priority filter; policy accept;\n");
        text.Append(CultureInfo.InvariantCulture, $"\t\tiifname \"{inputs.DeviceName}\" accept\n");
        foreach (var v4 in new[] { true, false })
        {
            var ip = v4 ? "ip" : "ip6";
            var remote = Set(inputs.RemotePodCidrs.Where(c => Prefixes.IsIPv4(c) == v4).Select(c => c.ToString()));
            var local = Set(inputs.LocalPodCidrs.Where(c => Prefixes.IsIPv4(c) == v4).Select(c => c.ToString()));
            if (remote is not null && local is not null)
                text.Append(CultureInfo.InvariantCulture, $"\t\t{ip} saddr {remote} {ip} daddr {local} counter drop comment \"unencrypted ingress\"\n");
        }

        text.Append("\t}\n");
    }

    /// <summary>Removes the table if present (creating an empty one first makes the delete never fail).</summary>
    public static string Remove() => $"table inet {Table} {{\n}}\ndelete table inet {Table}\n";

    private static string? Set(IEnumerable<string> items)
    {
        var list = items.Distinct(StringComparer.Ordinal).ToList();
        return list.Count == 0 ? null : "{ " + string.Join(", ", list) + " }";
    }

    private static bool IsV4(IPAddress address) => address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork;
}
