using System.Buffers.Binary;
using Netlink;
using Xfrm.Model;
using Xfrm.Wire;

namespace Xfrm.Codec;

/// <summary><c>XFRM_MSG_GETSADINFO</c> / <c>GETSPDINFO</c> requests (a u32 of flags) and their replies.</summary>
public static class XfrmTableInfoCodec
{
    public const int FlagsSize = 4;

    public static void EncodeRequest(ref NetlinkWriter writer, ushort messageType)
    {
        var message = writer.BeginMessage(messageType, NetlinkFlags.None);
        BinaryPrimitives.WriteUInt32LittleEndian(writer.Reserve(FlagsSize), uint.MaxValue);
        writer.End(message);
    }

    public static XfrmSadInfo DecodeSadInfo(NetlinkMessage message)
    {
        uint count = 0, buckets = 0, max = 0;
        var reader = message.Attributes(FlagsSize);
        while (reader.TryRead(out var attribute))
        {
            if (attribute.Type == XfrmAttributeType.SadCount)
                count = attribute.GetU32();
            else if (attribute.Type == XfrmAttributeType.SadHashInfo)
                (buckets, max) = XfrmHashInfoWire.Read(attribute.Fixed(XfrmHashInfoWire.Size));
        }

        return new XfrmSadInfo(count, buckets, max);
    }

    public static XfrmSpdInfo DecodeSpdInfo(NetlinkMessage message)
    {
        (uint In, uint Out, uint Fwd, uint InSocket, uint OutSocket, uint FwdSocket) counts = default;
        uint buckets = 0, max = 0;
        var reader = message.Attributes(FlagsSize);
        while (reader.TryRead(out var attribute))
        {
            if (attribute.Type == XfrmAttributeType.SpdInfo)
                counts = XfrmSpdInfoWire.Read(attribute.Fixed(XfrmSpdInfoWire.Size));
            else if (attribute.Type == XfrmAttributeType.SpdHashInfo)
                (buckets, max) = XfrmHashInfoWire.Read(attribute.Fixed(XfrmHashInfoWire.Size));
        }

        return new XfrmSpdInfo(counts.In, counts.Out, counts.Fwd, counts.InSocket, counts.OutSocket, counts.FwdSocket, buckets, max);
    }
}
