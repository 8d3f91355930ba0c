using System.Globalization;
using Encryption.IPsec.Keys;

namespace Encryption.Cli.Keys;

/// <summary>The names <c>--algorithm</c> accepts (cilium-cli's <c>--auth-algo</c> names and spelled-out aliases) and how keys are described.</summary>
internal static class KeyAlgorithmNames
{
    public static readonly string[] Accepted =
        ["rfc4106-gcm-aes", "cbc-aes-hmac-sha256", "cbc-aes-hmac-sha512", "cbc-aes-sha256", "cbc-aes-sha512"];

    public static KeyTemplate Parse(string name) => KeyFileWriter.ParseTemplate(name switch
    {
        "cbc-aes-hmac-sha256" => "cbc-aes-sha256",
        "cbc-aes-hmac-sha512" => "cbc-aes-sha512",
        _ => name,
    });

    /// <summary>Algorithm names only, e.g. <c>rfc4106(gcm(aes))</c> or <c>hmac(sha256) + cbc(aes)</c>.</summary>
    public static string Of(IPsecKey key) => key.Algorithm switch
    {
        IPsecAlgorithm.Aead a => a.Name,
        IPsecAlgorithm.AuthEnc s => $"{s.AuthName} + {s.EncName}",
        _ => "?",
    };

    /// <summary>ICV bits: the AEAD's, or the kernel's default truncation of the authentication algorithm (null when unknown).</summary>
    public static int? IcvBits(IPsecKey key) => key.Algorithm switch
    {
        IPsecAlgorithm.Aead a => a.IcvBits,
        IPsecAlgorithm.AuthEnc s => s.AuthName switch
        {
            "hmac(sha1)" or "hmac(md5)" or "xcbc(aes)" or "cmac(aes)" => 96,
            "hmac(sha256)" => 128,
            "hmac(sha384)" => 192,
            "hmac(sha512)" => 256,
            "digest_null" => 0,
            _ => null,
        },
        _ => null,
    };

    /// <summary>Key sizes in bits, e.g. <c>160</c> or <c>128 + 128</c>.</summary>
    public static string KeyBits(IPsecKey key) => key.Algorithm switch
    {
        IPsecAlgorithm.Aead a => (a.Key.Length * 8).ToString(CultureInfo.InvariantCulture),
        IPsecAlgorithm.AuthEnc s => string.Create(CultureInfo.InvariantCulture, $"{s.AuthKey.Length * 8} + {s.EncKey.Length * 8}"),
        _ => "?",
    };
}
