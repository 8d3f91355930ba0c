using Netlink;
using System.Buffers.Binary;

namespace Encryption.WireGuard.Routing;

/// <summary>A network interface as rtnetlink reports it.</summary>
public sealed record LinkInfo(int Index, string Name, int Mtu, bool IsUp, string? Kind);

/// <summary>Links over rtnetlink: look up, create a kernel WireGuard link, set MTU and up.</summary>
public sealed class LinkClient(NetlinkClient netlink)
{
    /// <summary>Same as: <c>ip link show NAME</c>; null when there is no such link.</summary>
    public LinkInfo? Find(string name)
    {
        try
        {
            return netlink.Get($"get link {name}", (ref NetlinkWriter w) =>
            {
                var m = w.BeginMessage(Rtnetlink.GetLink, NetlinkFlags.None);
                w.Reserve(Rtnetlink.IfInfoMsgSize);
                w.WriteString(Rtnetlink.IflaIfName, name);
                w.End(m);
            }, Decode);
        }
        catch (NetlinkException e) when (e.Errno == Errno.ENODEV)
        {
            return null;
        }
    }

    /// <summary>Same as: <c>ip link del NAME</c>; false when there was no such link.</summary>
    public bool Delete(string name)
    {
        try
        {
            netlink.Execute($"ip link del {name}", (ref NetlinkWriter w) =>
            {
                var m = w.BeginMessage(Rtnetlink.DelLink, NetlinkFlags.None);
                w.Reserve(Rtnetlink.IfInfoMsgSize);
                w.WriteString(Rtnetlink.IflaIfName, name);
                w.End(m);
            });
            return true;
        }
        catch (NetlinkException e) when (e.Errno == Errno.ENODEV)
        {
            return false;
        }
    }

    /// <summary>
    /// Same as: <c>ip link add NAME mtu MTU type wireguard</c>. An existing link is reused (EEXIST).
    /// A kernel without WireGuard answers EOPNOTSUPP ("Unknown device type"), reported as such.
    /// </summary>
    public void CreateWireGuard(string name, int mtu)
    {
        try
        {
            netlink.Execute($"ip link add {name} type wireguard", (ref NetlinkWriter w) =>
            {
                var m = w.BeginMessage(Rtnetlink.NewLink, NetlinkFlags.Create | NetlinkFlags.Exclusive);
                w.Reserve(Rtnetlink.IfInfoMsgSize);
                w.WriteString(Rtnetlink.IflaIfName, name);
                w.WriteU32(Rtnetlink.IflaMtu, (uint)mtu);
                var info = w.BeginNested(Rtnetlink.IflaLinkInfo);
                w.WriteString(Rtnetlink.IflaInfoKind, "wireguard");
                w.End(info);
                w.End(m);
            });
        }
        catch (NetlinkException e) when (e.IsAlreadyExists)
        {
        }
        catch (NetlinkException e) when (e.Errno == Errno.EOPNOTSUPP)
        {
            throw new Model.WireGuardException(
                $"WireGuard is not supported by this kernel (ip link add {name} type wireguard: EOPNOTSUPP); load the wireguard module or use a userspace device", e.Errno, e);
        }
    }

    /// <summary>Same as: <c>ip link set dev NAME mtu MTU up</c> (only what differs is sent).</summary>
    public void SetMtuAndUp(LinkInfo link, int mtu)
    {
        ArgumentNullException.ThrowIfNull(link);
        if (link.Mtu == mtu && link.IsUp)
            return;
        netlink.Execute($"ip link set {link.Name} mtu {mtu} up", (ref NetlinkWriter w) =>
        {
            var m = w.BeginMessage(Rtnetlink.NewLink, NetlinkFlags.None);
            var header = w.Reserve(Rtnetlink.IfInfoMsgSize);
            BinaryPrimitives.WriteInt32LittleEndian(header[4..], link.Index);
            BinaryPrimitives.WriteUInt32LittleEndian(header[8..], Rtnetlink.IffUp);
            BinaryPrimitives.WriteUInt32LittleEndian(header[12..], Rtnetlink.IffUp);
            if (link.Mtu != mtu)
                w.WriteU32(Rtnetlink.IflaMtu, (uint)mtu);
            w.End(m);
        });
    }

    private static LinkInfo Decode(NetlinkMessage message)
    {
        var header = message.Payload;
        if (header.Length < Rtnetlink.IfInfoMsgSize)
            throw new NetlinkDecodeException("RTM_NEWLINK shorter than struct ifinfomsg");
        var index = BinaryPrimitives.ReadInt32LittleEndian(header[4..]);
        var flags = BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
        string name = string.Empty;
        string? kind = null;
        var mtu = 0;
        var attributes = message.Attributes(Rtnetlink.IfInfoMsgSize);
        while (attributes.TryRead(out var a))
        {
            switch (a.Type)
            {
                case Rtnetlink.IflaIfName: name = a.GetString(); break;
                case Rtnetlink.IflaMtu: mtu = (int)a.GetU32(); break;
                case Rtnetlink.IflaLinkInfo:
                    var info = a.GetNested();
                    while (info.TryRead(out var i))
                    {
                        if (i.Type == Rtnetlink.IflaInfoKind)
                            kind = i.GetString();
                    }

                    break;
            }
        }

        return new LinkInfo(index, name, mtu, (flags & Rtnetlink.IffUp) != 0, kind);
    }
}
