namespace Netlink.Generic;

/// <summary>
/// The generic-netlink controller (<c>nlctrl</c>, fixed id 0x10): resolves a family name to its id.
/// Same as: <c>genl ctrl get name NAME</c>.
/// </summary>
public static class GenericNetlinkController
{
    public const ushort ControllerId = 0x10;
    public const byte CommandGetFamily = 3;

    private const ushort AttrFamilyId = 1;
    private const ushort AttrFamilyName = 2;
    private const ushort AttrVersion = 3;
    private const ushort AttrHeaderSize = 4;
    private const ushort AttrMaxAttr = 5;
    private const ushort AttrMulticastGroups = 7;
    private const ushort AttrGroupName = 1;
    private const ushort AttrGroupId = 2;

    /// <summary>Looks up <paramref name="name"/>; a family the kernel does not have fails with ENOENT.</summary>
    public static GenericNetlinkFamily ResolveFamily(NetlinkClient client, string name)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(name);
        return client.Get(
            $"resolve generic netlink family \"{name}\"",
            (ref NetlinkWriter w) => EncodeGetFamily(ref w, name),
            Decode);
    }

    public static void EncodeGetFamily(ref NetlinkWriter writer, string name)
    {
        var message = writer.BeginMessage(ControllerId, NetlinkFlags.None);
        new GenericNetlinkHeader(CommandGetFamily, 1).Write(writer.Reserve(GenericNetlinkHeader.Size));
        writer.WriteString(AttrFamilyName, name);
        writer.End(message);
    }

    public static GenericNetlinkFamily Decode(NetlinkMessage message)
    {
        GenericNetlinkHeader.Read(message.Payload);
        string? name = null;
        ushort id = 0;
        uint version = 0, headerSize = 0, maxAttr = 0;
        var groups = new Dictionary<string, uint>(StringComparer.Ordinal);
        var attributes = message.Attributes(GenericNetlinkHeader.Size);
        while (attributes.TryRead(out var a))
        {
            switch (a.Type)
            {
                case AttrFamilyId: id = a.GetU16(); break;
                case AttrFamilyName: name = a.GetString(); break;
                case AttrVersion: version = a.GetU32(); break;
                case AttrHeaderSize: headerSize = a.GetU32(); break;
                case AttrMaxAttr: maxAttr = a.GetU32(); break;
                case AttrMulticastGroups:
                    var list = a.GetNested();
                    while (list.TryRead(out var entry))
                    {
                        string? groupName = null;
                        uint groupId = 0;
                        var fields = entry.GetNested();
                        while (fields.TryRead(out var f))
                        {
                            if (f.Type == AttrGroupName) groupName = f.GetString();
                            else if (f.Type == AttrGroupId) groupId = f.GetU32();
                        }

                        if (groupName is not null)
                            groups[groupName] = groupId;
                    }

                    break;
            }
        }

        if (name is null || id == 0)
            throw new NetlinkDecodeException("generic netlink family reply lacks a name or an id");
        return new GenericNetlinkFamily(name, id, version, headerSize, maxAttr, groups);
    }
}
