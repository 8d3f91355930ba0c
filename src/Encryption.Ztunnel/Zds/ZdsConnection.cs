using System.Collections.Immutable;
using System.Net.Sockets;
using Encryption.Ztunnel.Enrollment;
using Encryption.Ztunnel.Zds.Interop;
using Microsoft.Extensions.Logging;

namespace Encryption.Ztunnel.Zds;

/// <summary>
/// One ztunnel connection, following zds.proto's protocol: read the hello; send Add (with the netns fd)
/// or Keep for every desired workload, each acked, then SnapshotSent; then converge incrementally, one
/// message outstanding at a time. Only the newest connection gets Adds; every connection gets Dels.
/// </summary>
internal sealed class ZdsConnection
{
    private const string ProxyStartFailure = "failure to start proxy";
    private readonly Socket socket;
    private readonly Watchable<ImmutableSortedDictionary<string, LocalWorkload>> desired;
    private readonly Func<ZdsConnection, bool> isNewest;
    private readonly ZdsServerOptions options;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;
    private readonly Dictionary<string, LocalWorkload> handedOver = new(StringComparer.Ordinal);
    private readonly byte[] receiveBuffer = new byte[64 * 1024];
    private readonly Lock infoGate = new();
    private Task<int>? pendingReceive;
    private ZdsConnectionInfo info;

    public ZdsConnection(long id, Socket socket, Watchable<ImmutableSortedDictionary<string, LocalWorkload>> desired, Func<ZdsConnection, bool> isNewest, ZdsServerOptions options, TimeProvider timeProvider, ILogger logger)
    {
        Id = id;
        this.socket = socket;
        this.desired = desired;
        this.isNewest = isNewest;
        this.options = options;
        this.timeProvider = timeProvider;
        this.logger = logger;
        info = new ZdsConnectionInfo { Id = id, ConnectedAt = timeProvider.GetUtcNow() };
    }

    public long Id { get; }

    public ZdsConnectionInfo Info
    {
        get
        {
            lock (infoGate)
                return info with { Newest = isNewest(this) };
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using (socket)
        {
            try
            {
                var hello = ZdsProtocol.ReadHello(await ReceiveAsync(cancellationToken).ConfigureAwait(false));
                Update(i => i with { HelloVersion = (int)hello.Version });
                ZdsLog.Connected(logger, Id, (int)hello.Version);
                await SendSnapshotAsync(cancellationToken).ConfigureAwait(false);
                await ConvergeForeverAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                ZdsLog.Closed(logger, Id, "server stopping");
            }
            catch (Exception e) when (e is ZdsProtocolException or SocketException or TimeoutException or ZdsClosedException)
            {
                ZdsLog.Closed(logger, Id, e.Message);
            }
        }
    }

    private async Task SendSnapshotAsync(CancellationToken cancellationToken)
    {
        var snapshot = desired.Current.Value;
        foreach (var workload in snapshot.Values)
        {
            if (!await TrySendAddAsync(workload, cancellationToken).ConfigureAwait(false))
            {
                // The pod may still exist and ztunnel may still run its proxy: keep it (istio/ztunnel#747).
                await SendAsync(ZdsProtocol.Keep(workload.Uid), null, workload.Uid, cancellationToken).ConfigureAwait(false);
                handedOver[workload.Uid] = workload;
            }
        }

        await SendAsync(ZdsProtocol.SnapshotSent(), null, null, cancellationToken).ConfigureAwait(false);
        Update(i => i with { SnapshotAckedAt = timeProvider.GetUtcNow(), Workloads = handedOver.Count });
        ZdsLog.SnapshotAcked(logger, Id, handedOver.Count);
    }

    private async Task ConvergeForeverAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var current = desired.Current;
            foreach (var uid in handedOver.Keys.Where(uid => !current.Value.ContainsKey(uid)).ToList())
            {
                await SendAsync(ZdsProtocol.Del(uid), null, uid, cancellationToken).ConfigureAwait(false);
                handedOver.Remove(uid);
            }

            if (isNewest(this))
            {
                foreach (var workload in current.Value.Values)
                {
                    if (!handedOver.TryGetValue(workload.Uid, out var sent) || sent != workload)
                        await TrySendAddAsync(workload, cancellationToken).ConfigureAwait(false);
                }
            }

            Update(i => i with { Workloads = handedOver.Count });
            if (desired.Current.Version != current.Version)
                continue;
            await WaitIdleAsync(current.Changed, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits for a change; ztunnel sends nothing unsolicited, so a readable socket means it went away.</summary>
    private async Task WaitIdleAsync(Task changed, CancellationToken cancellationToken)
    {
        pendingReceive ??= socket.ReceiveAsync(receiveBuffer, SocketFlags.None, cancellationToken).AsTask();
        await Task.WhenAny(changed, pendingReceive).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (!pendingReceive.IsCompleted)
            return;
        var length = await pendingReceive.ConfigureAwait(false);
        pendingReceive = null;
        throw length == 0 ? new ZdsClosedException("ztunnel closed the connection") : new ZdsProtocolException("unsolicited message from ztunnel");
    }

    private async Task<bool> TrySendAddAsync(LocalWorkload workload, CancellationToken cancellationToken)
    {
        NamespaceFile netns;
        try
        {
            netns = NamespaceFile.Open(workload.NetworkNamespacePath);
        }
        catch (IOException e)
        {
            ZdsLog.NamespaceUnavailable(logger, Id, workload.Uid, e.Message);
            return false;
        }

        using (netns)
            await SendAsync(ZdsProtocol.Add(workload), netns, workload.Uid, cancellationToken).ConfigureAwait(false);
        handedOver[workload.Uid] = workload;
        return true;
    }

    /// <summary>Sends one request and waits for its ack; a proxy-start nack is recorded (ztunnel retries), any other nack ends the connection.</summary>
    private async Task SendAsync(byte[] request, NamespaceFile? fd, string? uid, CancellationToken cancellationToken)
    {
        FdPassing.Send(socket, request, fd, options.AckTimeout);
        var error = ZdsProtocol.ReadAck(await ReceiveAsync(cancellationToken).ConfigureAwait(false));
        if (error.Length == 0)
            return;
        Update(i => i with { LastNack = uid is null ? error : $"{uid}: {error}" });
        if (error.StartsWith(ProxyStartFailure, StringComparison.Ordinal))
        {
            ZdsLog.ProxyStartFailed(logger, Id, uid ?? "", error);
            return;
        }

        throw new ZdsProtocolException($"ztunnel rejected the message: {error}");
    }

    private async Task<byte[]> ReceiveAsync(CancellationToken cancellationToken)
    {
        pendingReceive ??= socket.ReceiveAsync(receiveBuffer, SocketFlags.None, cancellationToken).AsTask();
        int length;
        try
        {
            length = await pendingReceive.WaitAsync(options.AckTimeout, timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"no answer from ztunnel within {options.AckTimeout.TotalSeconds:0.#} s");
        }

        pendingReceive = null;
        if (length == 0)
            throw new ZdsClosedException("ztunnel closed the connection");
        if (length == receiveBuffer.Length)
            throw new ZdsProtocolException("datagram from ztunnel too large (truncated)");
        return receiveBuffer.AsSpan(0, length).ToArray();
    }

    private void Update(Func<ZdsConnectionInfo, ZdsConnectionInfo> change)
    {
        lock (infoGate)
            info = change(info);
    }
}

/// <summary>The peer closed the socket.</summary>
internal sealed class ZdsClosedException(string message) : Exception(message);
