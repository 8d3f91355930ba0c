using System.Buffers.Binary;

namespace Encryption.WireGuard.Tests.Support;

internal static class Hex
{
    public static byte[] Bytes(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

    /// <summary>A copy of a netlink message with the sequence number and port id zeroed, and flags set.</summary>
    public static byte[] Normalized(ReadOnlySpan<byte> message, ushort flags)
    {
        var copy = message.ToArray();
        BinaryPrimitives.WriteUInt16LittleEndian(copy.AsSpan(6), flags);
        copy.AsSpan(8, 8).Clear();
        return copy;
    }
}
