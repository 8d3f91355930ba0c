namespace Encryption.IPsec.Keys;

/// <summary>The algorithms of one key-file line: either an AEAD, or authentication plus encryption.</summary>
public abstract record IPsecAlgorithm
{
    private IPsecAlgorithm() { }

    /// <summary>A short description without key material, e.g. <c>rfc4106(gcm(aes)) 160-bit key, ICV 128</c>.</summary>
    public abstract string Describe();

    /// <summary><c>spi aead-algo key icv</c>, e.g. <c>rfc4106(gcm(aes))</c> with a 20-byte key (16 + 4 salt) and ICV 128.</summary>
    public sealed record Aead(string Name, KeyMaterial Key, int IcvBits) : IPsecAlgorithm
    {
        public override string Describe() => $"{Name} {Key.Length * 8}-bit key, ICV {IcvBits}";
    }

    /// <summary><c>spi auth-algo key enc-algo key</c>, e.g. <c>hmac(sha256)</c> + <c>cbc(aes)</c>.</summary>
    public sealed record AuthEnc(string AuthName, KeyMaterial AuthKey, string EncName, KeyMaterial EncKey) : IPsecAlgorithm
    {
        public override string Describe() => $"{AuthName} {AuthKey.Length * 8}-bit key, {EncName} {EncKey.Length * 8}-bit key";
    }
}
