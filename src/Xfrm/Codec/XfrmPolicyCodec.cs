using Netlink;
using Xfrm.Model;
using Xfrm.Wire;

namespace Xfrm.Codec;

/// <summary>Encodes a policy as <c>XFRM_MSG_NEWPOLICY</c>/<c>UPDPOLICY</c> (<c>xfrm_userpolicy_info</c> + attributes) and decodes dump replies.</summary>
public static class XfrmPolicyCodec
{
    public static void Encode(ref NetlinkWriter writer, XfrmPolicy policy, ushort messageType, XfrmAttributeLayout layout = XfrmAttributeLayout.Request, NetlinkFlags flags = NetlinkFlags.None)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var message = writer.BeginMessage(messageType, flags);
        XfrmUserPolicyInfoWire.Write(writer.Reserve(XfrmUserPolicyInfoWire.Size), policy);
        if (policy.Templates.Count > 0)
        {
            var span = writer.ReserveAttribute(XfrmAttributeType.Template, policy.Templates.Count * XfrmUserTmplWire.Size);
            for (var i = 0; i < policy.Templates.Count; i++)
                XfrmUserTmplWire.Write(span[(i * XfrmUserTmplWire.Size)..], policy.Templates[i]);
        }

        if (layout == XfrmAttributeLayout.KernelDump || policy.Type != XfrmPolicyType.Main)
            WritePolicyType(ref writer, policy.Type);
        if (policy.Mark is { } mark)
            XfrmMarkWire.Write(writer.ReserveAttribute(XfrmAttributeType.Mark, XfrmMarkWire.Size), mark);
        if (policy.InterfaceId is { } ifId)
            writer.WriteU32(XfrmAttributeType.InterfaceId, ifId);
        writer.End(message);
    }

    /// <summary>Decodes a <c>NEWPOLICY</c>-typed message (a dump reply, a GETPOLICY reply or an add request).</summary>
    public static XfrmPolicy Decode(NetlinkMessage message) => DecodePayload(message.Payload);

    public static XfrmPolicy DecodePayload(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < XfrmUserPolicyInfoWire.Size)
            throw new NetlinkDecodeException($"xfrm_userpolicy_info needs {XfrmUserPolicyInfoWire.Size} bytes, has {payload.Length}");
        var templates = ValueList<XfrmTemplate>.Empty;
        var type = XfrmPolicyType.Main;
        XfrmMark? mark = null;
        uint? interfaceId = null;
        var reader = new NetlinkAttributeReader(payload.Length > XfrmUserPolicyInfoWire.Size ? payload[XfrmUserPolicyInfoWire.Size..] : default);
        while (reader.TryRead(out var attribute))
        {
            switch (attribute.Type)
            {
                case XfrmAttributeType.Template:
                    templates = XfrmUserTmplWire.ReadAll(attribute.Payload);
                    break;
                case XfrmAttributeType.PolicyType:
                    type = (XfrmPolicyType)attribute.Fixed(1)[XfrmUserPolicyTypeWire.TypeOffset];
                    break;
                case XfrmAttributeType.Mark:
                    mark = XfrmMarkWire.Read(attribute.Fixed(XfrmMarkWire.Size));
                    break;
                case XfrmAttributeType.InterfaceId:
                    interfaceId = attribute.GetU32();
                    break;
            }
        }

        return XfrmUserPolicyInfoWire.Read(payload, templates, type, mark, interfaceId);
    }

    internal static void WritePolicyType(ref NetlinkWriter writer, XfrmPolicyType type) =>
        writer.ReserveAttribute(XfrmAttributeType.PolicyType, XfrmUserPolicyTypeWire.Size)[XfrmUserPolicyTypeWire.TypeOffset] = (byte)type;
}
