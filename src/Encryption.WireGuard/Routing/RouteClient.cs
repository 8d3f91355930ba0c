using Netlink;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Encryption.WireGuard.Routing;

/// <summary>
/// Routes and rules over rtnetlink, limited to what this agent owns: routes with <c>proto 201</c> in its table, and
/// its one "not fwmark" rule per family.
/// </summary>
public sealed class RouteClient(NetlinkClient netlink)
{
    /// <summary>Same as: <c>ip route show table TABLE proto 201</c> (both families): destination and output interface.</summary>
    public IReadOnlyList<(IPNetwork Destination, int OutputInterface)> DumpOwned(int table)
    {
        return netlink.Dump<(IPNetwork, int)?>($"dump routes of table {table}", (ref NetlinkWriter w) =>
        {
            var m = w.BeginMessage(Rtnetlink.GetRoute, NetlinkFlags.None);
            w.Reserve(Rtnetlink.RtMsgSize);
            w.End(m);
        }, message => DecodeOwned(message, table)).Select(r => r!.Value).ToList();
    }

    /// <summary>Same as: <c>ip route replace DEST dev IFINDEX table TABLE proto 201</c>.</summary>
    public void Replace(IPNetwork destination, int outputInterface, int table) =>
        netlink.Execute($"ip route replace {destination} table {table}", (ref NetlinkWriter w) =>
            WriteRoute(ref w, Rtnetlink.NewRoute, NetlinkFlags.Create | NetlinkFlags.Replace, destination, outputInterface, table));

    /// <summary>Same as: <c>ip route del DEST table TABLE proto 201</c>; a route already gone is success.</summary>
    public void Delete(IPNetwork destination, int table)
    {
        try
        {
            netlink.Execute($"ip route del {destination} table {table}", (ref NetlinkWriter w) =>
                WriteRoute(ref w, Rtnetlink.DelRoute, NetlinkFlags.None, destination, 0, table));
        }
        catch (NetlinkException e) when (e.Errno is Errno.ESRCH or Errno.ENOENT)
        {
        }
    }

    /// <summary>
    /// Same as: <c>ip [-6] rule add not fwmark MARK table TABLE pref PRIORITY</c>: everything the device itself did not
    /// send (its UDP packets carry MARK) looks up TABLE first and falls through to main when TABLE has no route.
    /// </summary>
    public void EnsureRule(AddressFamily family, uint fwmark, int table, int priority)
    {
        try
        {
            netlink.Execute($"ip rule add not fwmark 0x{fwmark:x} table {table} pref {priority}", (ref NetlinkWriter w) =>
                WriteRule(ref w, Rtnetlink.NewRule, NetlinkFlags.Create | NetlinkFlags.Exclusive, family, fwmark, table, priority));
        }
        catch (NetlinkException e) when (e.IsAlreadyExists)
        {
        }
    }

    /// <summary>Same as: <c>ip [-6] rule del not fwmark MARK table TABLE pref PRIORITY</c>; a missing rule is success.</summary>
    public void DeleteRule(AddressFamily family, uint fwmark, int table, int priority)
    {
        try
        {
            netlink.Execute($"ip rule del not fwmark 0x{fwmark:x} table {table} pref {priority}", (ref NetlinkWriter w) =>
                WriteRule(ref w, Rtnetlink.DelRule, NetlinkFlags.None, family, fwmark, table, priority));
        }
        catch (NetlinkException e) when (e.Errno is Errno.ENOENT or Errno.ESRCH)
        {
        }
    }

    private static void WriteRoute(ref NetlinkWriter w, ushort type, NetlinkFlags flags, IPNetwork destination, int outputInterface, int table)
    {
        var v4 = destination.BaseAddress.AddressFamily == AddressFamily.InterNetwork;
        var m = w.BeginMessage(type, flags);
        var header = w.Reserve(Rtnetlink.RtMsgSize);
        header[0] = v4 ? Rtnetlink.AfInet : Rtnetlink.AfInet6;
        header[1] = (byte)destination.PrefixLength;
        header[4] = table < 256 ? (byte)table : (byte)0;
        header[5] = Rtnetlink.OwnRouteProtocol;
        header[6] = Rtnetlink.RtScopeLink;
        header[7] = Rtnetlink.RtnUnicast;
        destination.BaseAddress.TryWriteBytes(w.ReserveAttribute(Rtnetlink.RtaDst, v4 ? 4 : 16), out _);
        w.WriteU32(Rtnetlink.RtaTable, (uint)table);
        if (outputInterface > 0)
            w.WriteU32(Rtnetlink.RtaOif, (uint)outputInterface);
        w.End(m);
    }

    private static void WriteRule(ref NetlinkWriter w, ushort type, NetlinkFlags flags, AddressFamily family, uint fwmark, int table, int priority)
    {
        var m = w.BeginMessage(type, flags);
        var header = w.Reserve(Rtnetlink.FibRuleHdrSize);
        header[0] = family == AddressFamily.InterNetwork ? Rtnetlink.AfInet : Rtnetlink.AfInet6;
        header[4] = table < 256 ? (byte)table : (byte)0;
        header[7] = Rtnetlink.FrActToTable;
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], Rtnetlink.FibRuleInvert);
        w.WriteU32(Rtnetlink.FraPriority, (uint)priority);
        w.WriteU32(Rtnetlink.FraFwMark, fwmark);
        w.WriteU32(Rtnetlink.FraFwMask, 0xFFFFFFFF);
        w.WriteU32(Rtnetlink.FraTable, (uint)table);
        w.End(m);
    }

    private static (IPNetwork, int)? DecodeOwned(NetlinkMessage message, int table)
    {
        var header = message.Payload;
        if (message.Header.Type != Rtnetlink.NewRoute || header.Length < Rtnetlink.RtMsgSize)
            return null;
        var family = header[0];
        var length = header[1];
        var routeTable = (int)header[4];
        if (header[5] != Rtnetlink.OwnRouteProtocol)
            return null;
        IPAddress? destination = null;
        var oif = 0;
        var attributes = message.Attributes(Rtnetlink.RtMsgSize);
        while (attributes.TryRead(out var a))
        {
            switch (a.Type)
            {
                case Rtnetlink.RtaDst: destination = new IPAddress(a.Payload); break;
                case Rtnetlink.RtaTable: routeTable = (int)a.GetU32(); break;
                case Rtnetlink.RtaOif: oif = (int)a.GetU32(); break;
            }
        }

        if (routeTable != table)
            return null;
        destination ??= family == Rtnetlink.AfInet ? IPAddress.Any : IPAddress.IPv6Any;
        return (Model.Prefixes.Masked(destination, length), oif);
    }
}
