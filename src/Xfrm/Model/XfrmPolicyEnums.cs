namespace Xfrm.Model;

/// <summary><c>XFRM_POLICY_IN/OUT/FWD</c>.</summary>
public enum XfrmPolicyDirection : byte
{
    In = 0,
    Out = 1,
    Forward = 2,
}

/// <summary><c>XFRM_POLICY_ALLOW/BLOCK</c>.</summary>
public enum XfrmPolicyAction : byte
{
    Allow = 0,
    Block = 1,
}

/// <summary><c>XFRM_POLICY_LOCALOK</c>, <c>XFRM_POLICY_ICMP</c>.</summary>
[Flags]
public enum XfrmPolicyFlags : byte
{
    None = 0,
    LocalOk = 1,
    Icmp = 2,
}

/// <summary><c>XFRM_POLICY_TYPE_MAIN/SUB</c> (<c>ptype</c>).</summary>
public enum XfrmPolicyType : byte
{
    Main = 0,
    Sub = 1,
}
