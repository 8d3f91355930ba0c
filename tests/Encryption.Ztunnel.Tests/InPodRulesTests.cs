using Encryption.Ztunnel.Enrollment;

namespace Encryption.Ztunnel.Tests;

public sealed class InPodRulesTests
{
    [Fact]
    public void InstallReplacesTheOwnedTableInOneTransaction()
    {
        var script = InPodRules.NftInstall();

        Assert.StartsWith("table inet ztunnel_inpod {}\ndelete table inet ztunnel_inpod\ntable inet ztunnel_inpod {", script, StringComparison.Ordinal);
        Assert.Contains("redirect to :15001", script, StringComparison.Ordinal);
        Assert.Contains("tcp dport != 15008 meta mark & 0xfff != 0x539 redirect to :15006", script, StringComparison.Ordinal);
        Assert.Contains("meta mark & 0xfff == 0x539 ct mark set ct mark & 0xfffff000 | 0x111", script, StringComparison.Ordinal);
        Assert.Contains("ct mark & 0xfff == 0x111 meta mark set ct mark", script, StringComparison.Ordinal);
    }

    [Fact]
    public void RouteRuleIsDeletedBeforeItIsAdded()
    {
        var batch = InPodRules.IpInstall(ipv6: false).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("rule del priority 32764 fwmark 0x111/0xfff lookup 100", batch[0]);
        Assert.Contains("rule add priority 32764 fwmark 0x111/0xfff lookup 100", batch);
        Assert.Contains("route replace local 0.0.0.0/0 dev lo table 100", batch);
    }
}
