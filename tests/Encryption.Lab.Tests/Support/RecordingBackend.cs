using Encryption.Core.Backends;
using Encryption.Core.Cluster;
using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Encryption.Lab.Tests.Support;

/// <summary>A backend that records every snapshot it is asked to apply, and fails the first <see cref="FailuresToCome"/> applies.</summary>
internal sealed class RecordingBackend : IEncryptionBackend
{
    private int failuresToCome;
    private int attempts;

    public EncryptionType Type => EncryptionType.None;

    public ConcurrentQueue<ClusterSnapshot> Applied { get; } = new();

    public int Attempts => Volatile.Read(ref attempts);

    public int FailuresToCome
    {
        get => Volatile.Read(ref failuresToCome);
        set => Volatile.Write(ref failuresToCome, value);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Node DecorateLocalNode(Node local) => local with { IPsecKeyId = 3 };

    public Task ApplyAsync(ClusterSnapshot snapshot, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref attempts);
        if (Interlocked.Decrement(ref failuresToCome) >= 0)
            throw new InvalidOperationException("netlink: EPERM");
        Interlocked.Exchange(ref failuresToCome, 0);
        Applied.Enqueue(snapshot);
        return Task.CompletedTask;
    }

    public Task<BackendStatus> GetStatusAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new BackendStatus(EncryptionType.None, HealthState.Ok, "", new JsonObject { ["mode"] = "Disabled" }));
}
