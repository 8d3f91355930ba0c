namespace Encryption.Core.Backends;

/// <summary>
/// What a backend leaves in the kernel once the agent runs another backend, or none: XFRM states and policies that
/// would keep encrypting (or, in strict mode, dropping) traffic no peer decrypts any more, a WireGuard device with its
/// routes, rules and nftables table. The agent removes them when it starts with a different backend than the one it
/// last ran on this node (never on a first start: objects it did not install may belong to other software).
/// </summary>
public interface IBackendLeftovers
{
    EncryptionType Type { get; }

    /// <summary>Removes this backend's objects; returns what was removed, in words (never key material). Idempotent.</summary>
    Task<IReadOnlyList<string>> RemoveAsync(CancellationToken cancellationToken);
}
