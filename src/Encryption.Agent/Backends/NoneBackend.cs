using Encryption.Core.Backends;
using Encryption.Core.Cluster;
using System.Text.Json.Nodes;

namespace Encryption.Agent.Backends;

/// <summary>
/// No encryption (<c>encryption.enabled: false</c>): nothing to program, nothing advertised. The lab's control
/// case: its traffic must show up as plaintext on the underlay.
/// </summary>
internal sealed class NoneBackend : IEncryptionBackend
{
    public EncryptionType Type => EncryptionType.None;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Advertises no IPsec key and no WireGuard key.</summary>
    public Node DecorateLocalNode(Node local)
    {
        ArgumentNullException.ThrowIfNull(local);
        return local with { IPsecKeyId = 0 };
    }

    public Task ApplyAsync(ClusterSnapshot snapshot, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<BackendStatus> GetStatusAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new BackendStatus(EncryptionType.None, HealthState.Ok, "Encryption: Disabled\n", new JsonObject { ["mode"] = "Disabled" }));
}
