using Encryption.WireGuard.Keys;

namespace Encryption.WireGuard.Reconcile;

/// <summary>Device-level settings the plan enforces. The private key prints as hidden.</summary>
public sealed record DesiredDevice(PrivateKey PrivateKey, int ListenPort, uint FirewallMark, TimeSpan PersistentKeepalive);
