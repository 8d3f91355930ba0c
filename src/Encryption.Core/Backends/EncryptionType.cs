namespace Encryption.Core.Backends;

/// <summary>The backend chosen with <c>encryption.type</c> (plus None when <c>encryption.enabled</c> is false).</summary>
public enum EncryptionType
{
    None,
    IPsec,
    WireGuard,
    Ztunnel,
}
