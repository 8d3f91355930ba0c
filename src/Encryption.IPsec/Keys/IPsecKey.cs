namespace Encryption.IPsec.Keys;

/// <summary>
/// One pre-shared key from the key file. <see cref="Spi"/> (1..15) is both the ESP SPI and the key ID
/// carried in marks and advertised on the node object.
/// </summary>
public sealed record IPsecKey(byte Spi, IPsecAlgorithm Algorithm)
{
    public const byte MaxSpi = 15;

    /// <summary>
    /// Cilium's "key length", used for the MTU and to refuse rotations that change it: ICV bytes for an AEAD line,
    /// the number of hex characters of the authentication key for a split line (sic, kept for compatibility).
    /// </summary>
    public required int CiliumKeyLength { get; init; }

    /// <summary>The key ID that follows <paramref name="spi"/> in a rotation: +1, wrapping 15 to 1.</summary>
    public static byte NextSpi(byte spi) => spi + 1 > MaxSpi ? (byte)1 : (byte)(spi + 1);

    public override string ToString() => $"key {Spi}: {Algorithm.Describe()}";
}
