using System.Buffers.Binary;
using Xfrm.Model;

namespace Xfrm.Wire;

/// <summary>
/// <code>
/// struct xfrm_algo_aead {
///     char         alg_name[64];
///     unsigned int alg_key_len;  /* in bits */
///     unsigned int alg_icv_len;  /* in bits */
///     char         alg_key[];
/// };
/// </code>
/// Used by <c>XFRMA_ALG_AEAD</c>.
/// </summary>
public static class XfrmAlgoAeadWire
{
    public const int Size = 72;
    public const int NameOffset = 0;
    public const int KeyLenOffset = 64;
    public const int IcvLenOffset = 68;
    public const int KeyOffset = 72;

    public static int EncodedSize(XfrmAeadAlgorithm algorithm)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        return Size + algorithm.Key.Length;
    }

    public static void Write(Span<byte> destination, XfrmAeadAlgorithm algorithm)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        XfrmAlgoWire.WriteName(destination, algorithm.Name);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[KeyLenOffset..], (uint)algorithm.Key.Bits);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[IcvLenOffset..], algorithm.IcvBits);
        algorithm.Key.Span.CopyTo(destination[KeyOffset..]);
    }

    public static XfrmAeadAlgorithm Read(ReadOnlySpan<byte> source)
    {
        var name = XfrmAlgoWire.ReadName(source, Size);
        var key = XfrmAlgoWire.ReadKey(source, KeyLenOffset, KeyOffset, "xfrm_algo_aead");
        return new XfrmAeadAlgorithm(name, key, BinaryPrimitives.ReadUInt32LittleEndian(source[IcvLenOffset..]));
    }
}
