using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Net.Sockets;
using Encryption.Ztunnel.Enrollment;
using Microsoft.Extensions.Logging;

namespace Encryption.Ztunnel.Zds;

/// <summary>
/// The ZDS server: a SOCK_SEQPACKET unix socket ztunnel connects to. It holds the desired set of local
/// workloads; every connection converges to it (a full snapshot on every connect, then increments).
/// Setting the desired set never blocks on ztunnel: with no ztunnel connected it is simply kept.
/// </summary>
public sealed class ZdsServer : IAsyncDisposable
{
    private readonly ZdsServerOptions options;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;
    private readonly Watchable<ImmutableSortedDictionary<string, LocalWorkload>> desired = new(ImmutableSortedDictionary.Create<string, LocalWorkload>(StringComparer.Ordinal));
    private readonly ConcurrentDictionary<long, (ZdsConnection Connection, Task Run)> connections = new();
    private readonly CancellationTokenSource stopping = new();
    private Socket? listener;
    private Task? acceptLoop;
    private long nextId;

    public ZdsServer(ZdsServerOptions options, TimeProvider timeProvider, ILogger logger)
    {
        this.options = options;
        this.timeProvider = timeProvider;
        this.logger = logger;
    }

    public string SocketPath => options.SocketPath;

    public IReadOnlyList<ZdsConnectionInfo> Connections =>
        connections.Values.Select(c => c.Connection.Info).OrderBy(i => i.Id).ToList();

    /// <summary>The workloads ztunnel should proxy, by uid.</summary>
    public ImmutableSortedDictionary<string, LocalWorkload> Workloads => desired.Current.Value;

    /// <summary>Same as Cilium: remove a stale socket, create the directory, listen on "unixpacket".</summary>
    public void Start()
    {
        var directory = Path.GetDirectoryName(options.SocketPath);
        if (!string.IsNullOrEmpty(directory))
            Directory.CreateDirectory(directory);
        File.Delete(options.SocketPath);
        var socket = new Socket(AddressFamily.Unix, SocketType.Seqpacket, ProtocolType.Unspecified);
        try
        {
            socket.Bind(new UnixDomainSocketEndPoint(options.SocketPath));
            socket.Listen(8);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        listener = socket;
        ZdsLog.Listening(logger, options.SocketPath);
        acceptLoop = AcceptLoopAsync(socket, stopping.Token);
    }

    public void SetWorkloads(IEnumerable<LocalWorkload> workloads)
    {
        var next = workloads.ToImmutableSortedDictionary(w => w.Uid, w => w, StringComparer.Ordinal);
        var current = desired.Current.Value;
        if (current.Count == next.Count && current.All(kv => next.TryGetValue(kv.Key, out var w) && w == kv.Value))
            return;
        desired.Set(next);
    }

    private async Task AcceptLoopAsync(Socket socket, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket accepted;
            try
            {
                accepted = await socket.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SocketException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            var id = Interlocked.Increment(ref nextId);
            var connection = new ZdsConnection(id, accepted, desired, IsNewest, options, timeProvider, logger);
            var run = new Task<Task>(() => RunConnectionAsync(connection, cancellationToken));
            connections[id] = (connection, run.Unwrap());
            run.Start(TaskScheduler.Default);
        }
    }

    private async Task RunConnectionAsync(ZdsConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await connection.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            connections.TryRemove(connection.Id, out _);
        }
    }

    private bool IsNewest(ZdsConnection connection) => connections.Keys.DefaultIfEmpty(0).Max() == connection.Id;

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        listener?.Dispose();
        if (acceptLoop is not null)
            await acceptLoop.ConfigureAwait(false);
        await Task.WhenAll(connections.Values.Select(c => c.Run)).ConfigureAwait(false);
        if (listener is not null)
            File.Delete(options.SocketPath);
        stopping.Dispose();
    }
}
