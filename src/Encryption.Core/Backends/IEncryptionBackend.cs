using Encryption.Core.Cluster;

namespace Encryption.Core.Backends;

/// <summary>
/// What every backend supplies. Each one has the same inner shape: a pure desired-state computation
/// (snapshot + keys + options in, desired objects out), idempotent reconcile operations against the
/// observed state (kernel dump, device, ztunnel), and a status report.
/// </summary>
public interface IEncryptionBackend
{
    EncryptionType Type { get; }

    /// <summary>Prepares keys and devices; called once before the first <see cref="ApplyAsync"/>.</summary>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Adds what this backend advertises to the local node object (IPsec key ID, WireGuard public key annotation).
    /// Pure: no I/O.
    /// </summary>
    Node DecorateLocalNode(Node local);

    /// <summary>Computes the desired state from <paramref name="snapshot"/> and reconciles the observed state to it.</summary>
    Task ApplyAsync(ClusterSnapshot snapshot, CancellationToken cancellationToken);

    Task<BackendStatus> GetStatusAsync(CancellationToken cancellationToken);
}
