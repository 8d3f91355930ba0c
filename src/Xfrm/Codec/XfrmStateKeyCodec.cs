using Netlink;
using Xfrm.Model;
using Xfrm.Wire;

namespace Xfrm.Codec;

/// <summary>Encodes <c>XFRM_MSG_DELSA</c> / <c>GETSA</c>: <c>xfrm_usersa_id</c> + <c>XFRMA_SRCADDR</c> + <c>XFRMA_MARK</c>.</summary>
public static class XfrmStateKeyCodec
{
    public static void Encode(ref NetlinkWriter writer, XfrmStateKey key, ushort messageType, NetlinkFlags flags = NetlinkFlags.None)
    {
        ArgumentNullException.ThrowIfNull(key);
        var message = writer.BeginMessage(messageType, flags);
        XfrmUserSaIdWire.Write(writer.Reserve(XfrmUserSaIdWire.Size), key);
        if (key.Source is { } source)
            XfrmAddressWire.Write(writer.ReserveAttribute(XfrmAttributeType.SourceAddress, XfrmAddressWire.Size), source);
        if (key.Mark is { } mark)
            XfrmMarkWire.Write(writer.ReserveAttribute(XfrmAttributeType.Mark, XfrmMarkWire.Size), mark);
        writer.End(message);
    }

    public static XfrmStateKey Decode(NetlinkMessage message)
    {
        var key = XfrmUserSaIdWire.Read(message.Payload);
        var reader = message.Attributes(XfrmUserSaIdWire.Size);
        while (reader.TryRead(out var attribute))
        {
            if (attribute.Type == XfrmAttributeType.SourceAddress)
                key = key with { Source = XfrmAddressWire.Read(attribute.Fixed(XfrmAddressWire.Size), key.Family) };
            else if (attribute.Type == XfrmAttributeType.Mark)
                key = key with { Mark = XfrmMarkWire.Read(attribute.Fixed(XfrmMarkWire.Size)) };
        }

        return key;
    }
}
