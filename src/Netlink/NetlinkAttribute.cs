using System.Buffers.Binary;
using System.Text;

namespace Netlink;

/// <summary>
/// One attribute: <c>struct nlattr { __u16 nla_len; __u16 nla_type; };</c> followed by its payload.
/// <see cref="Type"/> has the NESTED and NET_BYTEORDER bits removed.
/// </summary>
public readonly ref struct NetlinkAttribute
{
    public const int HeaderSize = 4;
    public const ushort NestedFlag = 0x8000;
    public const ushort NetByteOrderFlag = 0x4000;
    public const ushort TypeMask = 0x3fff;

    public NetlinkAttribute(ushort rawType, ReadOnlySpan<byte> payload)
    {
        RawType = rawType;
        Payload = payload;
    }

    public ushort RawType { get; }

    public ushort Type => (ushort)(RawType & TypeMask);

    public bool IsNested => (RawType & NestedFlag) != 0;

    public ReadOnlySpan<byte> Payload { get; }

    public byte GetU8() => Fixed(1)[0];

    public ushort GetU16() => BinaryPrimitives.ReadUInt16LittleEndian(Fixed(2));

    public uint GetU32() => BinaryPrimitives.ReadUInt32LittleEndian(Fixed(4));

    public ulong GetU64() => BinaryPrimitives.ReadUInt64LittleEndian(Fixed(8));

    /// <summary>A string attribute, with a trailing NUL (if any) removed.</summary>
    public string GetString()
    {
        var bytes = Payload;
        var nul = bytes.IndexOf((byte)0);
        return Encoding.UTF8.GetString(nul >= 0 ? bytes[..nul] : bytes);
    }

    public NetlinkAttributeReader GetNested() => new(Payload);

    /// <summary>The payload, checked to hold at least <paramref name="size"/> bytes.</summary>
    public ReadOnlySpan<byte> Fixed(int size)
    {
        if (Payload.Length < size)
            throw new NetlinkDecodeException($"attribute type {Type} needs {size} payload bytes, has {Payload.Length}");
        return Payload[..size];
    }
}

/// <summary>Iterates the attributes in a span, checking every length before it is used.</summary>
public ref struct NetlinkAttributeReader
{
    private ReadOnlySpan<byte> remaining;

    public NetlinkAttributeReader(ReadOnlySpan<byte> attributes) => remaining = attributes;

    public bool TryRead(out NetlinkAttribute attribute)
    {
        attribute = default;
        if (remaining.Length < NetlinkAttribute.HeaderSize)
        {
            // Trailing bytes shorter than a header can only be padding.
            remaining = default;
            return false;
        }

        var length = BinaryPrimitives.ReadUInt16LittleEndian(remaining);
        var type = BinaryPrimitives.ReadUInt16LittleEndian(remaining[2..]);
        if (length < NetlinkAttribute.HeaderSize || length > remaining.Length)
            throw new NetlinkDecodeException(
                $"attribute type {type & NetlinkAttribute.TypeMask} claims {length} bytes but {remaining.Length} remain");

        attribute = new NetlinkAttribute(type, remaining[NetlinkAttribute.HeaderSize..length]);
        var advance = Math.Min(NetlinkAlignment.Align(length), remaining.Length);
        remaining = remaining[advance..];
        return true;
    }
}
