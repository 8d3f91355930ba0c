namespace Xfrm.Wire;

/// <summary>
/// Attribute types of state and policy messages (<c>enum xfrm_attr_type_t</c>), plus the SAD/SPD info
/// attribute sets. Numbers at or above 33 come from kernels newer than the 6.1 UAPI headers.
/// </summary>
public static class XfrmAttributeType
{
    public const ushort AlgAuth = 1;
    public const ushort AlgCrypt = 2;
    public const ushort AlgComp = 3;
    public const ushort Encap = 4;
    public const ushort Template = 5;
    public const ushort Sa = 6;
    public const ushort Policy = 7;
    public const ushort SecCtx = 8;
    public const ushort LifetimeValue = 9;
    public const ushort ReplayValue = 10;
    public const ushort ReplayThreshold = 11;
    public const ushort ExpiryTimerThreshold = 12;
    public const ushort SourceAddress = 13;
    public const ushort CareOfAddress = 14;
    public const ushort LastUsed = 15;
    public const ushort PolicyType = 16;
    public const ushort Migrate = 17;
    public const ushort AlgAead = 18;
    public const ushort KmAddress = 19;
    public const ushort AlgAuthTrunc = 20;
    public const ushort Mark = 21;
    public const ushort TfcPad = 22;
    public const ushort ReplayEsnValue = 23;
    public const ushort SaExtraFlags = 24;
    public const ushort Proto = 25;
    public const ushort AddressFilter = 26;
    public const ushort Pad = 27;
    public const ushort OffloadDevice = 28;
    public const ushort SetMark = 29;
    public const ushort SetMarkMask = 30;
    public const ushort InterfaceId = 31;
    public const ushort MappingTimerThreshold = 32;
    public const ushort SaDirection = 33;

    /// <summary><c>XFRMA_SAD_CNT</c>: u32 number of states.</summary>
    public const ushort SadCount = 1;

    /// <summary><c>XFRMA_SAD_HINFO</c>: <c>struct xfrmu_sadhinfo</c>.</summary>
    public const ushort SadHashInfo = 2;

    /// <summary><c>XFRMA_SPD_INFO</c>: <c>struct xfrmu_spdinfo</c>.</summary>
    public const ushort SpdInfo = 1;

    /// <summary><c>XFRMA_SPD_HINFO</c>: <c>struct xfrmu_spdhinfo</c>.</summary>
    public const ushort SpdHashInfo = 2;

    public const ushort SpdIPv4HashThreshold = 3;
    public const ushort SpdIPv6HashThreshold = 4;
}
