using System.ComponentModel;
using System.Net.Sockets;
using Encryption.WireGuard.Routing;
using Encryption.WireGuard.StrictMode;
using Netlink;

namespace Encryption.WireGuard.Device;

/// <summary>
/// What the WireGuard backend installs around its device: the strict-mode nftables table, the routes of its table
/// (proto 201) and its "not fwmark" rule per family; and the device itself.
/// </summary>
internal static class WireGuardHostState
{
    public static IEnumerable<AddressFamily> Families(WireGuardOptions options)
    {
        if (options.EnableIPv4)
            yield return AddressFamily.InterNetwork;
        if (options.EnableIPv6)
            yield return AddressFamily.InterNetworkV6;
    }

    /// <summary>
    /// Removes the strict-mode table when present, the owned routes and rules, and with <paramref name="deleteDevice"/>
    /// the device (Same as: <c>nft delete table inet cilium_wg_strict</c>, <c>ip route del ... table 201</c>,
    /// <c>ip rule del not fwmark 0x1e00 table 201</c>, <c>ip link del cilium_wg0</c>). Returns what was removed.
    /// </summary>
    public static IReadOnlyList<string> Remove(NetlinkClient rtnetlink, WireGuardOptions options, bool deleteDevice)
    {
        var removed = new List<string>();
        var nft = new NftablesRunner(options.NetworkNamespace);
        try
        {
            if (nft.ListTable(StrictModeRuleset.Table) is not null)
            {
                nft.Apply(StrictModeRuleset.Remove());
                removed.Add($"nftables table inet {StrictModeRuleset.Table}");
            }
        }
        catch (Win32Exception)
        {
            // no nft binary: no table can have been installed with it
        }

        if (options.ManageRoutes)
        {
            var routes = new RouteClient(rtnetlink);
            var owned = routes.DumpOwned(options.RouteTable);
            foreach (var (destination, _) in owned)
                routes.Delete(destination, options.RouteTable);
            if (owned.Count > 0)
                removed.Add($"{owned.Count} routes in table {options.RouteTable}");
            foreach (var family in Families(options))
                routes.DeleteRule(family, options.FirewallMark, options.RouteTable, options.RulePriority);
        }

        if (deleteDevice && new LinkClient(rtnetlink).Delete(options.InterfaceName))
            removed.Add($"device {options.InterfaceName}");
        return removed;
    }
}
