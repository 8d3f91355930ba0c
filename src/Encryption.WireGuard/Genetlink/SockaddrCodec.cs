using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Encryption.WireGuard.Genetlink;

/// <summary>
/// <c>WGPEER_A_ENDPOINT</c> payloads, field by field at explicit offsets:
/// <code>
/// struct sockaddr_in  { sa_family_t sin_family; in_port_t sin_port; struct in_addr sin_addr; char sin_zero[8]; };       /* 16 */
/// struct sockaddr_in6 { sa_family_t sin6_family; in_port_t sin6_port; uint32_t sin6_flowinfo; struct in6_addr sin6_addr;
///                       uint32_t sin6_scope_id; };                                                                      /* 28 */
/// </code>
/// The family is host order, the port network order (big-endian).
/// </summary>
public static class SockaddrCodec
{
    public const int SizeIn = 16;
    public const int SizeIn6 = 28;

    public static int Size(IPEndPoint endpoint) => Normalize(endpoint).AddressFamily == AddressFamily.InterNetwork ? SizeIn : SizeIn6;

    public static void Write(IPEndPoint endpoint, Span<byte> destination)
    {
        var address = Normalize(endpoint);
        destination.Clear();
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)endpoint.Port);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(destination, WireGuardGenl.AfInet);
            address.TryWriteBytes(destination.Slice(4, 4), out _);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(destination, WireGuardGenl.AfInet6);
            address.TryWriteBytes(destination.Slice(8, 16), out _);
            BinaryPrimitives.WriteUInt32LittleEndian(destination[24..], (uint)address.ScopeId);
        }
    }

    /// <summary>Reads a sockaddr; null for anything that is not a complete sockaddr_in / sockaddr_in6 (as <c>wg</c> does).</summary>
    public static IPEndPoint? Read(ReadOnlySpan<byte> source)
    {
        if (source.Length < 4)
            return null;
        var family = BinaryPrimitives.ReadUInt16LittleEndian(source);
        var port = BinaryPrimitives.ReadUInt16BigEndian(source[2..]);
        if (family == WireGuardGenl.AfInet && source.Length >= SizeIn)
            return new IPEndPoint(new IPAddress(source.Slice(4, 4)), port);
        if (family == WireGuardGenl.AfInet6 && source.Length >= SizeIn6)
            return new IPEndPoint(new IPAddress(source.Slice(8, 16), BinaryPrimitives.ReadUInt32LittleEndian(source[24..])), port);
        return null;
    }

    private static IPAddress Normalize(IPEndPoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return endpoint.Address.IsIPv4MappedToIPv6 ? endpoint.Address.MapToIPv4() : endpoint.Address;
    }
}
