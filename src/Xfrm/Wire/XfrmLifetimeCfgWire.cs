using System.Buffers.Binary;
using Xfrm.Model;

namespace Xfrm.Wire;

/// <summary>
/// <code>
/// struct xfrm_lifetime_cfg {
///     __u64 soft_byte_limit;
///     __u64 hard_byte_limit;
///     __u64 soft_packet_limit;
///     __u64 hard_packet_limit;
///     __u64 soft_add_expires_seconds;
///     __u64 hard_add_expires_seconds;
///     __u64 soft_use_expires_seconds;
///     __u64 hard_use_expires_seconds;
/// };
/// </code>
/// </summary>
public static class XfrmLifetimeCfgWire
{
    public const int Size = 64;
    public const int SoftByteLimitOffset = 0;
    public const int HardByteLimitOffset = 8;
    public const int SoftPacketLimitOffset = 16;
    public const int HardPacketLimitOffset = 24;
    public const int SoftAddExpiresOffset = 32;
    public const int HardAddExpiresOffset = 40;
    public const int SoftUseExpiresOffset = 48;
    public const int HardUseExpiresOffset = 56;

    public static void Write(Span<byte> destination, XfrmLifetimeConfig lifetime)
    {
        ArgumentNullException.ThrowIfNull(lifetime);
        var span = destination[..Size];
        BinaryPrimitives.WriteUInt64LittleEndian(span[SoftByteLimitOffset..], lifetime.SoftByteLimit);
        BinaryPrimitives.WriteUInt64LittleEndian(span[HardByteLimitOffset..], lifetime.HardByteLimit);
        BinaryPrimitives.WriteUInt64LittleEndian(span[SoftPacketLimitOffset..], lifetime.SoftPacketLimit);
        BinaryPrimitives.WriteUInt64LittleEndian(span[HardPacketLimitOffset..], lifetime.HardPacketLimit);
        BinaryPrimitives.WriteUInt64LittleEndian(span[SoftAddExpiresOffset..], lifetime.SoftAddExpiresSeconds);
        BinaryPrimitives.WriteUInt64LittleEndian(span[HardAddExpiresOffset..], lifetime.HardAddExpiresSeconds);
        BinaryPrimitives.WriteUInt64LittleEndian(span[SoftUseExpiresOffset..], lifetime.SoftUseExpiresSeconds);
        BinaryPrimitives.WriteUInt64LittleEndian(span[HardUseExpiresOffset..], lifetime.HardUseExpiresSeconds);
    }

    public static XfrmLifetimeConfig Read(ReadOnlySpan<byte> source)
    {
        var span = source[..Size];
        if (span[..32].IndexOfAnyExcept((byte)0xff) < 0 && span[32..].IndexOfAnyExcept((byte)0) < 0)
            return XfrmLifetimeConfig.Infinite;
        var lifetime = new XfrmLifetimeConfig
        {
            SoftByteLimit = BinaryPrimitives.ReadUInt64LittleEndian(span[SoftByteLimitOffset..]),
            HardByteLimit = BinaryPrimitives.ReadUInt64LittleEndian(span[HardByteLimitOffset..]),
            SoftPacketLimit = BinaryPrimitives.ReadUInt64LittleEndian(span[SoftPacketLimitOffset..]),
            HardPacketLimit = BinaryPrimitives.ReadUInt64LittleEndian(span[HardPacketLimitOffset..]),
            SoftAddExpiresSeconds = BinaryPrimitives.ReadUInt64LittleEndian(span[SoftAddExpiresOffset..]),
            HardAddExpiresSeconds = BinaryPrimitives.ReadUInt64LittleEndian(span[HardAddExpiresOffset..]),
            SoftUseExpiresSeconds = BinaryPrimitives.ReadUInt64LittleEndian(span[SoftUseExpiresOffset..]),
            HardUseExpiresSeconds = BinaryPrimitives.ReadUInt64LittleEndian(span[HardUseExpiresOffset..]),
        };
        return lifetime;
    }
}
