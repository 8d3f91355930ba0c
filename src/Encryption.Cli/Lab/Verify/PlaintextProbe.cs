using System.Text;

namespace Encryption.Cli.Lab.Verify;

/// <summary>The TCP probe's payload: a marker repeated, so plaintext on the underlay is recognisable byte for byte.</summary>
internal static class PlaintextProbe
{
    public const string MarkerText = "ENCRYPTION-LAB-PLAINTEXT-PROBE";

    public static ReadOnlySpan<byte> Marker => "ENCRYPTION-LAB-PLAINTEXT-PROBE"u8;

    public static byte[] Payload(int length)
    {
        var payload = new byte[length];
        var line = Encoding.ASCII.GetBytes(MarkerText + " ");
        for (var i = 0; i < length; i++)
            payload[i] = line[i % line.Length];
        return payload;
    }
}
