using System.Buffers.Binary;

namespace Netlink;

/// <summary>
/// Decodes the payload of <c>NLMSG_ERROR</c>:
/// <code>
/// struct nlmsgerr { int error; struct nlmsghdr msg; /* + echoed payload unless capped, then TLVs */ };
/// </code>
/// Extended-ack TLVs (<c>NLMSGERR_ATTR_MSG</c>=1, <c>OFFS</c>=2) follow when <c>NLM_F_ACK_TLVS</c> is set.
/// </summary>
public readonly record struct NetlinkErrorMessage(int Error, NetlinkHeader Request, string? Message, uint? Offset)
{
    public const int MinimumSize = 4 + NetlinkHeader.Size;
    private const ushort AttrMsg = 1;
    private const ushort AttrOffset = 2;

    /// <summary>0 for an ACK, else a positive errno.</summary>
    public int Errno => -Error;

    public bool IsAck => Error == 0;

    public static NetlinkErrorMessage Parse(NetlinkMessage message)
    {
        var payload = message.Payload;
        if (payload.Length < MinimumSize)
            throw new NetlinkDecodeException($"NLMSG_ERROR needs {MinimumSize} bytes, has {payload.Length}");
        var error = BinaryPrimitives.ReadInt32LittleEndian(payload);
        var request = NetlinkHeader.Read(payload[4..]);
        string? text = null;
        uint? offset = null;
        if ((message.Header.Flags & NetlinkFlags.AckTlvs) != 0)
        {
            var echoed = (message.Header.Flags & NetlinkFlags.Capped) != 0 ? NetlinkHeader.Size : (int)request.Length;
            var tlvStart = 4 + NetlinkAlignment.Align(echoed);
            if (tlvStart <= payload.Length)
            {
                var reader = new NetlinkAttributeReader(payload[tlvStart..]);
                while (reader.TryRead(out var attribute))
                {
                    if (attribute.Type == AttrMsg)
                        text = attribute.GetString();
                    else if (attribute.Type == AttrOffset && attribute.Payload.Length >= 4)
                        offset = attribute.GetU32();
                }
            }
        }

        return new NetlinkErrorMessage(error, request, text, offset);
    }

    public NetlinkException ToException(string operation) => new(operation, Errno, Message, Offset);
}
