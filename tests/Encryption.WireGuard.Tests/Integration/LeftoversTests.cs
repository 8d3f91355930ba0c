using Encryption.WireGuard.Device;
using Encryption.WireGuard.Tests.Support;

namespace Encryption.WireGuard.Tests.Integration;

/// <summary>
/// What a WireGuard agent leaves behind (device, routes, rules, strict-mode table) removed once the node runs another
/// backend, in real network namespaces with wireguard-go.
/// </summary>
public sealed class LeftoversTests
{
    [Fact]
    public async Task TheDeviceRoutesRulesAndStrictTableOfAStoppedAgentAreAllRemovedAndASecondPassFindsNothing()
    {
        using var lab = new NetnsLab(2);
        await using var agents = new LabAgents(lab, 2, (_, o) => o with
        {
            StrictEgress = new StrictEgressOptions { Enabled = true, Cidrs = [System.Net.IPNetwork.Parse("10.0.0.0/8")] },
        });
        await agents.StartAsync(1, 2);
        await agents.ApplyAllAsync();
        var node = lab.NodeNamespace(1);
        await agents.StopAsync(1); // the agent stops as a switch of backend stops it: everything stays in place
        Assert.Contains("cilium_wg0", NetnsLab.Exec(node, "ip", "link", "show"), StringComparison.Ordinal);

        var removed = await new WireGuardLeftovers(agents.Options[1]).RemoveAsync(CancellationToken.None);

        Assert.Equal(["nftables table inet cilium_wg_strict", "1 routes in table 201", "device cilium_wg0"], removed);
        Assert.DoesNotContain("cilium_wg0", NetnsLab.Exec(node, "ip", "link", "show"), StringComparison.Ordinal);
        Assert.Equal("", NetnsLab.Exec(node, "ip", "route", "show", "table", "201").Trim());
        Assert.DoesNotContain("lookup 201", NetnsLab.Exec(node, "ip", "rule", "show"), StringComparison.Ordinal);
        Assert.NotEqual(0, NetnsLab.TryExec(node, "nft", "list", "table", "inet", "cilium_wg_strict").Code);
        Assert.Empty(await new WireGuardLeftovers(agents.Options[1]).RemoveAsync(CancellationToken.None));
    }
}
