namespace Netlink.Tests;

internal static class Hex
{
    /// <summary>Lowercase hex in groups of 4 bytes separated by spaces, for readable golden strings.</summary>
    public static string Groups(ReadOnlySpan<byte> bytes)
    {
        var hex = Convert.ToHexStringLower(bytes);
        return string.Join(' ', Enumerable.Range(0, (hex.Length + 7) / 8).Select(i => hex.Substring(i * 8, Math.Min(8, hex.Length - i * 8))));
    }

    public static byte[] Parse(string text) => Convert.FromHexString(string.Concat(text.Where(Uri.IsHexDigit)));
}
