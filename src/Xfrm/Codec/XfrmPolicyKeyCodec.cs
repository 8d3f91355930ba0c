using Netlink;
using Xfrm.Model;
using Xfrm.Wire;

namespace Xfrm.Codec;

/// <summary>Encodes <c>XFRM_MSG_DELPOLICY</c> / <c>GETPOLICY</c>: <c>xfrm_userpolicy_id</c> + type, mark and if_id.</summary>
public static class XfrmPolicyKeyCodec
{
    public static void Encode(ref NetlinkWriter writer, XfrmPolicyKey key, ushort messageType, NetlinkFlags flags = NetlinkFlags.None)
    {
        ArgumentNullException.ThrowIfNull(key);
        var message = writer.BeginMessage(messageType, flags);
        XfrmUserPolicyIdWire.Write(writer.Reserve(XfrmUserPolicyIdWire.Size), key);
        if (key.Type != XfrmPolicyType.Main)
            XfrmPolicyCodec.WritePolicyType(ref writer, key.Type);
        if (key.Mark is { } mark)
            XfrmMarkWire.Write(writer.ReserveAttribute(XfrmAttributeType.Mark, XfrmMarkWire.Size), mark);
        if (key.InterfaceId is { } ifId)
            writer.WriteU32(XfrmAttributeType.InterfaceId, ifId);
        writer.End(message);
    }

    public static XfrmPolicyKey Decode(NetlinkMessage message)
    {
        var key = XfrmUserPolicyIdWire.Read(message.Payload);
        var reader = message.Attributes(XfrmUserPolicyIdWire.Size);
        while (reader.TryRead(out var attribute))
        {
            key = attribute.Type switch
            {
                XfrmAttributeType.Mark => key with { Mark = XfrmMarkWire.Read(attribute.Fixed(XfrmMarkWire.Size)) },
                XfrmAttributeType.InterfaceId => key with { InterfaceId = attribute.GetU32() },
                XfrmAttributeType.PolicyType => key with { Type = (XfrmPolicyType)attribute.Fixed(1)[0] },
                _ => key,
            };
        }

        return key;
    }
}
