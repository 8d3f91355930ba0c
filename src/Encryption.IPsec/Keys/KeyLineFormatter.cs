using System.Globalization;

namespace Encryption.IPsec.Keys;

/// <summary>
/// Writes an <see cref="IPsecKey"/> back as a key-file line (<c>spi+ aead-algo key icv</c> or
/// <c>spi+ auth-algo key enc-algo key</c>), which <see cref="KeyFileParser"/> reads back to an equal key. The line is
/// key material: only for files of mode 0600, never for logs.
/// </summary>
public static class KeyLineFormatter
{
    public static string Line(IPsecKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Algorithm switch
        {
            IPsecAlgorithm.Aead a => string.Create(CultureInfo.InvariantCulture, $"{key.Spi}+ {a.Name} {Hex(a.Key)} {a.IcvBits}"),
            IPsecAlgorithm.AuthEnc s => string.Create(CultureInfo.InvariantCulture, $"{key.Spi}+ {s.AuthName} {Hex(s.AuthKey)} {s.EncName} {Hex(s.EncKey)}"),
            _ => throw new ArgumentOutOfRangeException(nameof(key)),
        };
    }

    private static string Hex(KeyMaterial key) => key.Length == 0 ? "\"\"" : key.RevealHex();
}
