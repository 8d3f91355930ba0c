namespace Xfrm.Wire;

/// <summary>
/// <code>
/// struct xfrm_userpolicy_type {
///     __u8  type;
///     __u16 reserved1;
///     __u8  reserved2;
/// };
/// </code>
/// </summary>
public static class XfrmUserPolicyTypeWire
{
    public const int Size = 6;
    public const int TypeOffset = 0;
}
