using System.Globalization;

namespace Encryption.IPsec.Keys;

/// <summary>
/// Parses Cilium's IPsec key file: one key per line, <c>spi[+] aead-algo key icv</c> or
/// <c>spi[+] auth-algo key enc-algo key</c>, fields separated by single spaces; the last line is the key in force.
/// Unlike Cilium, the whole file is checked before anything is applied, every error is reported with its
/// line and field, key material never appears in messages, and what the kernel would refuse is refused here.
/// </summary>
public static class KeyFileParser
{
    private static readonly int[] CiliumIcvBits = [96, 128, 256];

    /// <summary>Parses <paramref name="text"/>; throws <see cref="KeyFileException"/> listing every problem.</summary>
    public static IReadOnlyList<IPsecKey> Parse(string text, string source = "keys")
    {
        ArgumentNullException.ThrowIfNull(text);
        var keys = new List<IPsecKey>();
        var errors = new List<KeyFileError>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0)
                continue; // blank lines (e.g. a trailing newline) carry nothing
            var lineErrors = new List<KeyFileError>();
            var key = ParseLine(line, i + 1, lineErrors);
            errors.AddRange(lineErrors);
            if (key is null)
                continue;
            if (keys.Count > 0)
            {
                var previous = keys[^1];
                if (previous.Spi == key.Spi)
                    errors.Add(new KeyFileError(i + 1, 1, "spi", "invalid SPI: changing IPSec keys requires incrementing the key id"));
                else if (previous.CiliumKeyLength != key.CiliumKeyLength)
                    errors.Add(new KeyFileError(i + 1, null, "key", "invalid key rotation: key length must not change"));
            }

            keys.Add(key);
        }

        if (errors.Count == 0 && keys.Count == 0)
            errors.Add(new KeyFileError(1, null, "key", "missing IPSec key or invalid format: the file holds no key"));
        if (errors.Count > 0)
            throw new KeyFileException(source, errors);
        return keys;
    }

    /// <summary>The key in force for <paramref name="text"/>: its last line.</summary>
    public static IPsecKey ParseCurrent(string text, string source = "keys") => Parse(text, source)[^1];

    private static IPsecKey? ParseLine(string line, int number, List<KeyFileError> errors)
    {
        var fields = line.Split(' ');
        if (fields.Length <= 3 || fields.All(string.IsNullOrEmpty))
        {
            errors.Add(new KeyFileError(number, null, "line",
                $"missing IPSec key or invalid format: expected 4 fields (spi aead-algo key icv) or 5 (spi auth-algo key enc-algo key), found {fields.Length}"));
            return null;
        }

        var spi = ParseSpi(fields[0], number, errors);
        if (fields.Length > 5)
        {
            errors.Add(new KeyFileError(number, null, "line", $"invalid format: too many fields in the IPsec secret ({fields.Length}, at most 5)"));
            return null;
        }

        IPsecAlgorithm? algorithm = fields.Length == 4 ? ParseAead(fields, number, errors) : ParseAuthEnc(fields, number, errors);
        if (spi is null || algorithm is null)
            return null;
        var keyLength = algorithm switch
        {
            IPsecAlgorithm.Aead a => a.IcvBits / 8,
            IPsecAlgorithm.AuthEnc => fields[2] == "\"\"" ? 0 : StripHexPrefix(fields[2]).Length,
            _ => 0,
        };
        return new IPsecKey(spi.Value, algorithm) { CiliumKeyLength = keyLength };
    }

    private static byte? ParseSpi(string field, int line, List<KeyFileError> errors)
    {
        var digits = field.EndsWith('+') ? field[..^1] : field;
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit) || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var spi))
        {
            errors.Add(new KeyFileError(line, 1, "spi", $"failed to parse SPI: the first argument of the IPsec secret is not a number. Attempted \"{field}\""));
            return null;
        }

        if (spi == 0)
        {
            errors.Add(new KeyFileError(line, 1, "spi", $"failed to parse SPI: zero is not a valid key ID. ID must be nonzero and less than 16. Attempted \"{field}\""));
            return null;
        }

        if (spi > IPsecKey.MaxSpi)
        {
            errors.Add(new KeyFileError(line, 1, "spi", $"failed to parse SPI: encryption key space exhausted. ID must be nonzero and less than 16. Attempted \"{field}\""));
            return null;
        }

        return (byte)spi;
    }

    private static IPsecAlgorithm.Aead? ParseAead(string[] fields, int line, List<KeyFileError> errors)
    {
        var name = fields[1];
        var ok = true;
        if (!name.StartsWith("rfc", StringComparison.Ordinal))
        {
            errors.Add(new KeyFileError(line, 2, "aead-algo", $"invalid AEAD algorithm \"{name}\" (AEAD names start with \"rfc\", e.g. rfc4106(gcm(aes)))"));
            ok = false;
        }
        else if (!KernelAlgorithms.Aead.ContainsKey(name))
        {
            errors.Add(new KeyFileError(line, 2, "aead-algo", $"AEAD algorithm \"{name}\" is not known to the kernel; use one of {string.Join(", ", KernelAlgorithms.Aead.Keys)}"));
            ok = false;
        }

        var key = DecodeHex(fields[2], line, 3, "aead-key", "unable to decode AEAD key", errors);
        int icv = 0;
        if (!int.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out icv))
        {
            errors.Add(new KeyFileError(line, 4, "icv", $"ICV length is invalid or missing: \"{fields[3]}\" is not a number"));
            ok = false;
        }
        else if (!CiliumIcvBits.Contains(icv))
        {
            errors.Add(new KeyFileError(line, 4, "icv", $"only ICV lengths 96, 128, and 256 are accepted, got {icv}"));
            ok = false;
        }
        else if (ok && !KernelAlgorithms.Aead[name].IcvBits.Contains(icv))
        {
            errors.Add(new KeyFileError(line, 4, "icv", $"the kernel's {name} supports ICV lengths {string.Join(", ", KernelAlgorithms.Aead[name].IcvBits)} bits, not {icv}"));
            ok = false;
        }

        if (key is not null && ok && !KernelAlgorithms.Aead[name].KeyBytes.Contains(key.Length))
        {
            errors.Add(new KeyFileError(line, 3, "aead-key", $"{name} needs a key of {string.Join(" or ", KernelAlgorithms.Aead[name].KeyBytes)} bytes (cipher key + salt), got {key.Length}"));
            ok = false;
        }

        return ok && key is not null ? new IPsecAlgorithm.Aead(name, key, icv) : null;
    }

    private static IPsecAlgorithm.AuthEnc? ParseAuthEnc(string[] fields, int line, List<KeyFileError> errors)
    {
        var authKey = DecodeHex(fields[2], line, 3, "auth-key", "unable to decode authentication key", errors);
        var encKey = DecodeHex(fields[4], line, 5, "enc-key", "unable to decode encryption key", errors);
        var ok = authKey is not null && encKey is not null;
        if (!KernelAlgorithms.Auth.TryGetValue(fields[1], out var authSizes))
        {
            errors.Add(new KeyFileError(line, 2, "auth-algo", $"authentication algorithm \"{fields[1]}\" is not known to the kernel; use one of {string.Join(", ", KernelAlgorithms.Auth.Keys)}"));
            ok = false;
        }
        else if (authKey is not null && authSizes is not null && !authSizes.Contains(authKey.Length))
        {
            errors.Add(new KeyFileError(line, 3, "auth-key", $"{fields[1]} needs a key of {string.Join(" or ", authSizes)} bytes, got {authKey.Length}"));
            ok = false;
        }

        if (!KernelAlgorithms.Encryption.TryGetValue(fields[3], out var encSizes))
        {
            errors.Add(new KeyFileError(line, 4, "enc-algo", $"encryption algorithm \"{fields[3]}\" is not known to the kernel; use one of {string.Join(", ", KernelAlgorithms.Encryption.Keys)}"));
            ok = false;
        }
        else if (encKey is not null && !encSizes.Contains(encKey.Length))
        {
            errors.Add(new KeyFileError(line, 5, "enc-key", $"{fields[3]} needs a key of {string.Join(" or ", encSizes)} bytes, got {encKey.Length}"));
            ok = false;
        }

        return ok ? new IPsecAlgorithm.AuthEnc(fields[1], authKey!, fields[3], encKey!) : null;
    }

    private static KeyMaterial? DecodeHex(string field, int line, int index, string name, string reason, List<KeyFileError> errors)
    {
        if (field == "\"\"")
            return KeyMaterial.Empty;
        var hex = StripHexPrefix(field);
        if (hex.Length == 0 || hex.Length % 2 != 0 || !hex.All(char.IsAsciiHexDigit))
        {
            var why = hex.Length == 0 ? "it is empty" : hex.Length % 2 != 0 ? $"odd number of hex digits ({hex.Length})" : "it contains characters that are not hex digits";
            errors.Add(new KeyFileError(line, index, name, $"{reason}: {why}"));
            return null;
        }

        if (hex.Length / 2 > KernelAlgorithms.MaxGlobalKeyBytes)
        {
            errors.Add(new KeyFileError(line, index, name, $"key of {hex.Length / 2} bytes is longer than {KernelAlgorithms.MaxGlobalKeyBytes}, the most per-tunnel derivation (SHA-512) can produce"));
            return null;
        }

        return new KeyMaterial(Convert.FromHexString(hex));
    }

    private static string StripHexPrefix(string field) =>
        field.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? field[2..] : field;
}
