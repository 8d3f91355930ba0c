namespace Encryption.IPsec.Desired;

/// <summary>Cilium's XFRM mark layout and the constants shared with it (specs/ipsec-and-xfrm.md §3.1).</summary>
public static class IPsecMarks
{
    public const uint Encrypt = 0x0E00;
    public const uint Decrypt = 0x0D00;
    public const uint MagicMask = 0x0F00;
    public const uint OutMask = 0xFFFFFF00;
    public const uint InMask = 0xFFFF0F00;
    public const uint OutputMask = 0xFFFFFF00;
    public const uint ReqId = 1;
    public const uint ReplayWindow = 1024;
    public const uint ForwardPriority = 2975;
    public const uint DefaultDropPriority = 100;

    public static uint EncryptMark(byte keyId, ushort nodeId) => Encrypt | (uint)(keyId & 0xF) << 12 | (uint)nodeId << 16;

    public static uint DecryptMark(ushort nodeId) => Decrypt | (uint)nodeId << 16;

    /// <summary>Selector mode: the SPI names the sender so inbound states from different peers never collide.</summary>
    public static uint SelectorSpi(ushort senderNodeId, byte keyId) => (uint)senderNodeId << 8 | keyId;
}
