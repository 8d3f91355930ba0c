namespace Xfrm.Wire;

/// <summary>
/// <code>
/// struct xfrm_usersa_flush {
///     __u8 proto;   /* 0 = every state, IPSEC_PROTO_ANY (255) = ESP, AH and IPCOMP */
/// };
/// </code>
/// </summary>
public static class XfrmUserSaFlushWire
{
    public const int Size = 1;
    public const int ProtoOffset = 0;
}
