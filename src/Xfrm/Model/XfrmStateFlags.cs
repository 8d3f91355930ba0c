namespace Xfrm.Model;

/// <summary><c>XFRM_STATE_*</c> flags of <c>xfrm_usersa_info.flags</c>.</summary>
[Flags]
public enum XfrmStateFlags : byte
{
    None = 0,
    NoEcn = 1,
    DecapDscp = 2,
    NoPmtuDiscovery = 4,
    WildcardReceive = 8,
    Icmp = 16,
    AddressFamilyUnspecified = 32,
    Align4 = 64,

    /// <summary>Extended (64-bit) sequence numbers; needs <see cref="XfrmReplayStateEsn"/> and a legacy replay window of 0.</summary>
    Esn = 128,
}

/// <summary><c>XFRM_SA_XFLAG_*</c>, sent in <c>XFRMA_SA_EXTRA_FLAGS</c>.</summary>
[Flags]
public enum XfrmStateExtraFlags : uint
{
    None = 0,
    DontEncapDscp = 1,
    OutboundSequenceMayWrap = 2,
}

/// <summary><c>XFRMA_SA_DIR</c> (Linux 6.10+): which way a state is used.</summary>
public enum XfrmSaDirection : byte
{
    In = 1,
    Out = 2,
}
