namespace Xfrm.Model;

/// <summary>An AEAD algorithm (<c>XFRMA_ALG_AEAD</c>), e.g. <c>rfc4106(gcm(aes))</c> with a 128-bit ICV.</summary>
public sealed record XfrmAeadAlgorithm(string Name, XfrmKey Key, uint IcvBits);

/// <summary>
/// An authentication algorithm, e.g. <c>hmac(sha256)</c>. With <see cref="TruncationBits"/> it travels as
/// <c>XFRMA_ALG_AUTH_TRUNC</c> (0 lets the kernel pick the default); without, as plain <c>XFRMA_ALG_AUTH</c>.
/// Kernel dumps always carry the truncation length.
/// </summary>
public sealed record XfrmAuthAlgorithm(string Name, XfrmKey Key, uint? TruncationBits = null);

/// <summary>An encryption algorithm (<c>XFRMA_ALG_CRYPT</c>), e.g. <c>cbc(aes)</c>.</summary>
public sealed record XfrmCryptAlgorithm(string Name, XfrmKey Key);
