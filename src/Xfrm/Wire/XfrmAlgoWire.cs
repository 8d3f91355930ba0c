using System.Buffers.Binary;
using System.Text;
using Netlink;
using Xfrm.Model;

namespace Xfrm.Wire;

/// <summary>
/// <code>
/// struct xfrm_algo {
///     char         alg_name[64];
///     unsigned int alg_key_len;    /* in bits */
///     char         alg_key[];
/// };
/// </code>
/// Used by <c>XFRMA_ALG_CRYPT</c>, plain <c>XFRMA_ALG_AUTH</c> and <c>XFRMA_ALG_COMP</c>.
/// </summary>
public static class XfrmAlgoWire
{
    public const int NameSize = 64;
    public const int Size = 68;
    public const int NameOffset = 0;
    public const int KeyLenOffset = 64;
    public const int KeyOffset = 68;

    public static int EncodedSize(XfrmKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Size + key.Length;
    }

    public static void Write(Span<byte> destination, string name, XfrmKey key)
    {
        WriteName(destination, name);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[KeyLenOffset..], (uint)key.Bits);
        key.Span.CopyTo(destination[KeyOffset..]);
    }

    public static (string Name, XfrmKey Key) Read(ReadOnlySpan<byte> source)
    {
        var name = ReadName(source, Size);
        var key = ReadKey(source, KeyLenOffset, KeyOffset, "xfrm_algo");
        return (name, key);
    }

    internal static void WriteName(Span<byte> destination, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var field = destination[..NameSize];
        field.Clear();
        if (Encoding.ASCII.GetByteCount(name) >= NameSize)
            throw new ArgumentException($"algorithm name \"{name}\" is longer than {NameSize - 1} characters", nameof(name));
        Encoding.ASCII.GetBytes(name, field);
    }

    internal static string ReadName(ReadOnlySpan<byte> source, int minimumSize)
    {
        if (source.Length < minimumSize)
            throw new NetlinkDecodeException($"algorithm attribute needs {minimumSize} bytes, has {source.Length}");
        var field = source[..NameSize];
        var nul = field.IndexOf((byte)0);
        var name = nul >= 0 ? field[..nul] : field;
        foreach (var (bytes, text) in WellKnownNames)
        {
            if (name.SequenceEqual(bytes))
                return text;
        }

        return Encoding.ASCII.GetString(name);
    }

    /// <summary>Names seen in every dump, returned without allocating a string per state.</summary>
    private static readonly (byte[] Bytes, string Text)[] WellKnownNames =
        new[] { "rfc4106(gcm(aes))", "cbc(aes)", "hmac(sha256)", "hmac(sha1)", "hmac(sha512)", "rfc7539esp(chacha20,poly1305)", "rfc4309(ccm(aes))" }
            .Select(n => (Encoding.ASCII.GetBytes(n), n)).ToArray();

    internal static XfrmKey ReadKey(ReadOnlySpan<byte> source, int keyLenOffset, int keyOffset, string structName)
    {
        var bits = BinaryPrimitives.ReadUInt32LittleEndian(source[keyLenOffset..]);
        var bytes = (int)((bits + 7) / 8);
        if (source.Length - keyOffset < bytes)
            throw new NetlinkDecodeException($"{structName} claims a {bits}-bit key but carries {source.Length - keyOffset} key bytes");
        return new XfrmKey(source.Slice(keyOffset, bytes));
    }
}
