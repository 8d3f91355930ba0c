namespace Xfrm.Model;

/// <summary>The IPsec protocol of a state or template (IP protocol numbers; 255 = <c>IPSEC_PROTO_ANY</c>).</summary>
public enum XfrmProtocol : byte
{
    Unspecified = 0,
    Esp = 50,
    Ah = 51,
    Comp = 108,
    Any = 255,
}
