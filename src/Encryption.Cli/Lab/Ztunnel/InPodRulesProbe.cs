using Encryption.Cli.Lab.Exec;
using System.Globalization;

namespace Encryption.Cli.Lab.Ztunnel;

/// <summary>
/// Looks inside a pod's network namespace for the agent's in-pod redirection (Encryption.Ztunnel's InPodRules): the
/// nftables table <c>inet ztunnel_inpod</c> and the policy rule <c>priority 32764 fwmark 0x111/0xfff lookup 100</c>.
/// </summary>
internal static class InPodRulesProbe
{
    public const string Table = "ztunnel_inpod";
    public const int RulePriority = 32764;
    public const int RouteTable = 100;

    /// <summary>Which parts of the redirection <paramref name="podNamespace"/> holds.</summary>
    public static async Task<InPodRulesState> ReadAsync(string podNamespace, CancellationToken cancellationToken)
    {
        // Same as: ip netns exec POD nft list table inet ztunnel_inpod
        var table = await Ip.ExecAsync(podNamespace, cancellationToken, "nft", "list", "table", "inet", Table).ConfigureAwait(false);
        // Same as: ip -n POD -4 rule show priority 32764
        var rule = await ProcessRunner.RunAsync("ip", ["-n", podNamespace, "-4", "rule", "show", "priority", RulePriority.ToString(CultureInfo.InvariantCulture)], cancellationToken).ConfigureAwait(false);
        return InPodRulesState.From(table.Succeeded, rule.StandardOutput);
    }
}

/// <summary>What a pod's namespace holds of the in-pod redirection (pure).</summary>
internal sealed record InPodRulesState(bool Table, bool Rule)
{
    public bool Present => Table && Rule;

    public bool Absent => !Table && !Rule;

    public static InPodRulesState From(bool tableListed, string ruleOutput) =>
        new(tableListed, (ruleOutput ?? "").Contains($"lookup {InPodRulesProbe.RouteTable}", StringComparison.Ordinal));

    public override string ToString() =>
        $"nft table inet {InPodRulesProbe.Table}: {(Table ? "present" : "absent")}, ip rule priority {InPodRulesProbe.RulePriority}: {(Rule ? "present" : "absent")}";
}
