using Encryption.Core.Backends;

namespace Encryption.Core.Configuration;

/// <summary>
/// A flat <c>enable-ipsec</c> / <c>enable-wireguard</c> / <c>enable-ztunnel</c> value. Unlike Helm's single
/// <c>encryption.type</c>, the switches are independent, so two of them on is the "WireGuard with IPsec" error.
/// </summary>
public sealed record BackendSwitch(EncryptionType Type, string Value, string SpelledAs, OptionOrigin Origin);
