namespace Encryption.WireGuard.Keys;

/// <summary>Hex decoding of 32-byte keys, as UAPI writes them (64 hex characters, either case accepted).</summary>
internal static class KeyHex
{
    public static bool TryDecode(ReadOnlySpan<char> text, Span<byte> destination)
    {
        if (text.Length != destination.Length * 2)
            return false;
        for (var i = 0; i < destination.Length; i++)
        {
            var high = Nibble(text[2 * i]);
            var low = Nibble(text[(2 * i) + 1]);
            if ((high | low) < 0)
                return false;
            destination[i] = (byte)((high << 4) | low);
        }

        return true;
    }

    private static int Nibble(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
