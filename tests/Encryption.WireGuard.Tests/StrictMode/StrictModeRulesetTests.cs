using Encryption.WireGuard.StrictMode;
using System.Net;

namespace Encryption.WireGuard.Tests.StrictMode;

public class StrictModeRulesetTests
{
    [Fact]
    public void RulesetReplacesOnlyItsOwnTableAndDropsPlaintextInsideTheCidr()
    {
        var ruleset = StrictModeRuleset.Render(new StrictModeInputs
        {
            DeviceName = "cilium_wg0",
            FirewallMark = 0x1E00,
            Cidrs = [IPNetwork.Parse("10.0.0.0/8")],
            LocalNodeAddresses = [IPAddress.Parse("192.168.100.1"), IPAddress.Parse("fd00:100::1")],
            LocalPodCidrs = [IPNetwork.Parse("10.1.0.0/24")],
        });

        Assert.Equal(
            "table inet cilium_wg_strict {\n}\ndelete table inet cilium_wg_strict\n" +
            "table inet cilium_wg_strict {\n\tchain egress {\n\t\ttype filter hook postrouting priority filter; policy accept;\n" +
            "\t\toifname \"cilium_wg0\" accept\n\t\tmeta mark 0x00001e00 accept\n" +
            "\t\tip saddr { 192.168.100.1 } accept\n\t\tip daddr { 10.1.0.0/24 } accept\n" +
            "\t\tip saddr { 10.0.0.0/8 } ip daddr { 10.0.0.0/8 } counter drop comment \"unencrypted\"\n" +
            "\t\tip6 saddr { fd00:100::1 } accept\n\t}\n}\n",
            ruleset);
    }

    [Fact]
    public void RemoteNodeIdentitiesAreExemptOnlyWhenGiven()
    {
        var inputs = new StrictModeInputs { DeviceName = "wg0", Cidrs = [IPNetwork.Parse("10.0.0.0/8")], RemoteNodeAddresses = [IPAddress.Parse("10.200.0.2")] };
        Assert.Contains("ip daddr { 10.200.0.2 } accept", StrictModeRuleset.Render(inputs), StringComparison.Ordinal);
        Assert.DoesNotContain("10.200.0.2", StrictModeRuleset.Render(inputs with { RemoteNodeAddresses = [] }), StringComparison.Ordinal);
    }
    [Fact]
    public void StrictIngressDropsTrafficFromRemotePodCidrsToLocalPodsThatDidNotComeOutOfTheDevice()
    {
        var ruleset = StrictModeRuleset.Render(new StrictModeInputs
        {
            DeviceName = "cilium_wg0",
            LocalPodCidrs = [IPNetwork.Parse("10.1.0.0/24"), IPNetwork.Parse("fd00:1::/64")],
            RemotePodCidrs = [IPNetwork.Parse("10.2.0.0/24"), IPNetwork.Parse("10.3.0.0/24")],
            Egress = false,
            Ingress = true,
        });

        Assert.Equal(
            "table inet cilium_wg_strict {\n}\ndelete table inet cilium_wg_strict\n" +
            "table inet cilium_wg_strict {\n" +
            "\tchain ingress {\n" +
            "\t\ttype filter hook prerouting priority filter; policy accept;\n" +
            "\t\tiifname \"cilium_wg0\" accept\n" +
            "\t\tip saddr { 10.2.0.0/24, 10.3.0.0/24 } ip daddr { 10.1.0.0/24 } counter drop comment \"unencrypted ingress\"\n" +
            "\t}\n}\n",
            ruleset);
    }

    [Fact]
    public void EgressAndIngressTogetherRenderBothChainsInOneTable()
    {
        var ruleset = StrictModeRuleset.Render(new StrictModeInputs
        {
            DeviceName = "wg0",
            Cidrs = [IPNetwork.Parse("10.0.0.0/8")],
            LocalPodCidrs = [IPNetwork.Parse("10.1.0.0/24")],
            RemotePodCidrs = [IPNetwork.Parse("10.2.0.0/24")],
            Ingress = true,
        });

        Assert.Contains("chain ingress {", ruleset, StringComparison.Ordinal);
        Assert.Contains("chain egress {", ruleset, StringComparison.Ordinal);
        Assert.Equal(2, ruleset.Split("table inet cilium_wg_strict {").Length - 1);
    }
}
