namespace Xfrm.Model;

/// <summary><c>XFRM_MODE_*</c>.</summary>
public enum XfrmMode : byte
{
    Transport = 0,
    Tunnel = 1,
    RouteOptimization = 2,
    InTrigger = 3,
    Beet = 4,
    IpTfs = 5,
}
