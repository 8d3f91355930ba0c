using Netlink;
using System.Net;
using System.Net.Sockets;

namespace Encryption.Lab.Tests.Support;

/// <summary>
/// A long TCP stream from one pod to another, driven in-process: each socket is created on a thread inside its pod's
/// network namespace (a socket keeps the namespace it was made in). Every byte is a function of its offset in the
/// stream, so the receiver checks content and order, not only the count; a reset, a stall or a wrong byte fails.
/// </summary>
internal sealed class PodStream : IAsyncDisposable
{
    private readonly Socket listener;
    private readonly Socket client;
    private readonly Socket server;
    private readonly CancellationTokenSource stop = new();
    private readonly Task<long> receiver;
    private Task<long>? sender;
    private long received;
    private string? corruption;

    private PodStream(Socket listener, Socket client, Socket server)
    {
        this.listener = listener;
        this.client = client;
        this.server = server;
        receiver = Task.Run(ReceiveAsync);
    }

    public long Received => Interlocked.Read(ref received);

    public static async Task<PodStream> OpenAsync(string clientNamespace, string serverNamespace, string serverAddress, int port = 5201)
    {
        using var serverNs = NetworkNamespace.FromName(serverNamespace);
        using var clientNs = NetworkNamespace.FromName(clientNamespace);
        var endpoint = new IPEndPoint(IPAddress.Parse(serverAddress), port);
        var listener = serverNs.Run(() => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
        listener.Bind(endpoint);
        listener.Listen(1);
        var client = clientNs.Run(() => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
        var accept = listener.AcceptAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await client.ConnectAsync(endpoint, timeout.Token);
        var server = await accept.WaitAsync(timeout.Token);
        return new PodStream(listener, client, server);
    }

    /// <summary>The byte at <paramref name="offset"/> of the stream.</summary>
    public static byte Pattern(long offset) => (byte)((offset * 0x9E3779B1L) >> 13 ^ offset >> 16);

    /// <summary>Sends the pattern until <see cref="FinishAsync"/>.</summary>
    public void Start()
    {
        sender = Task.Run(async () =>
        {
            var buffer = new byte[16 * 1024];
            long sent = 0;
            while (!stop.IsCancellationRequested)
            {
                for (var i = 0; i < buffer.Length; i++)
                    buffer[i] = Pattern(sent + i);
                var offset = 0;
                while (offset < buffer.Length)
                    offset += await client.SendAsync(buffer.AsMemory(offset));
                sent += buffer.Length;
                // Paced: the guest has one CPU for the stream, the ESP transforms and three agents.
                await Task.Delay(5);
            }

            client.Shutdown(SocketShutdown.Send);
            return sent;
        });
    }

    /// <summary>
    /// Waits until <paramref name="more"/> bytes beyond those received on the call have arrived: the stream still moves.
    /// Fails if it ended (a reset), delivered a wrong byte, or did not move at all for a few minutes (a stall).
    /// </summary>
    public async Task WaitForProgressAsync(long more, string after)
    {
        var target = Received + more;
        var last = Received;
        var lastMove = DateTime.UtcNow;
        while (Received < target)
        {
            if (corruption is not null)
                Assert.Fail($"after {after}: {corruption}");
            if (receiver.IsCompleted || sender?.IsCompleted == true)
                Assert.Fail($"after {after}: the stream ended at {Received} bytes: {Failure()}");
            if (Received != last)
                (last, lastMove) = (Received, DateTime.UtcNow);
            else if (DateTime.UtcNow - lastMove > TimeSpan.FromMinutes(3))
                Assert.Fail($"after {after}: the stream stalled at {Received} bytes");
            await Task.Delay(50);
        }
    }

    /// <summary>Stops sending, closes the sending side, and returns what was sent and what arrived (checked byte by byte).</summary>
    public async Task<(long Sent, long Received)> FinishAsync()
    {
        await stop.CancelAsync();
        var sent = await sender!.WaitAsync(TimeSpan.FromMinutes(3));
        var total = await receiver.WaitAsync(TimeSpan.FromMinutes(3));
        Assert.True(corruption is null, corruption);
        return (sent, total);
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        client.Dispose();
        server.Dispose();
        listener.Dispose();
        stop.Dispose();
    }

    private string Failure() =>
        (receiver.Exception ?? sender?.Exception)?.GetBaseException().Message ?? "closed by the peer";

    private async Task<long> ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        long total = 0;
        while (true)
        {
            var read = await server.ReceiveAsync(buffer);
            if (read == 0)
                return total;
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] != Pattern(total + i))
                {
                    corruption = $"byte {total + i} of the stream is 0x{buffer[i]:x2}, expected 0x{Pattern(total + i):x2}";
                    return total + i;
                }
            }

            total += read;
            Interlocked.Exchange(ref received, total);
        }
    }
}
