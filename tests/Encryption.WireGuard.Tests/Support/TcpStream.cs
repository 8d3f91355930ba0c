using Netlink;
using System.Net;
using System.Net.Sockets;

namespace Encryption.WireGuard.Tests.Support;

/// <summary>
/// A TCP stream between two pods, driven in-process: each socket is created on a thread inside its pod's network
/// namespace (the socket keeps that namespace), so the test sees any reset or stall directly.
/// </summary>
internal sealed class TcpStream : IAsyncDisposable
{
    private readonly Socket listener;
    private readonly Socket client;
    private readonly Socket server;
    private readonly CancellationTokenSource stop = new();
    private readonly Task<long> receiver;
    private Task<long>? sender;
    private long receivedSoFar;

    private TcpStream(Socket listener, Socket client, Socket server)
    {
        this.listener = listener;
        this.client = client;
        this.server = server;
        receiver = Task.Run(Receive);
    }

    public static async Task<TcpStream> OpenAsync(string fromNamespace, string toNamespace, string toAddress, int port = 5001)
    {
        using var serverNs = NetworkNamespace.FromName(toNamespace);
        using var clientNs = NetworkNamespace.FromName(fromNamespace);
        var listener = serverNs.Run(() => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
        listener.Bind(new IPEndPoint(IPAddress.Parse(toAddress), port));
        listener.Listen(1);
        var client = clientNs.Run(() => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
        var accept = listener.AcceptAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await client.ConnectAsync(new IPEndPoint(IPAddress.Parse(toAddress), port), timeout.Token);
        var server = await accept.WaitAsync(timeout.Token);
        return new TcpStream(listener, client, server);
    }

    /// <summary>Sends a fixed amount and returns how much the other side received (they must match).</summary>
    public async Task<(long Sent, long Received)> TransferAsync(long bytes)
    {
        var buffer = new byte[64 * 1024];
        Random.Shared.NextBytes(buffer);
        long sent = 0;
        while (sent < bytes)
            sent += await client.SendAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, bytes - sent)));
        client.Shutdown(SocketShutdown.Send);
        var received = await receiver.WaitAsync(TimeSpan.FromSeconds(60));
        return (sent, received);
    }

    /// <summary>Keeps sending until <see cref="FinishAsync"/>; a reset or stall surfaces there.</summary>
    public void StartStreaming()
    {
        sender = Task.Run(async () =>
        {
            var buffer = new byte[16 * 1024];
            long sent = 0;
            while (!stop.IsCancellationRequested)
            {
                sent += await client.SendAsync(buffer);
                await Task.Delay(2);
            }

            client.Shutdown(SocketShutdown.Send);
            return sent;
        });
    }

    /// <summary>
    /// Waits until the receiver has <paramref name="more"/> bytes beyond what it had on the call: the stream still flows.
    /// Fails if the stream ends (a reset) or stops moving for a minute (a stall).
    /// </summary>
    public async Task WaitForProgressAsync(long more)
    {
        var target = Interlocked.Read(ref receivedSoFar) + more;
        var last = Interlocked.Read(ref receivedSoFar);
        var lastMove = Environment.TickCount64;
        while (true)
        {
            var now = Interlocked.Read(ref receivedSoFar);
            if (now >= target)
                return;
            if (receiver.IsCompleted)
                throw new InvalidOperationException($"the stream ended after {now} bytes: {receiver.Exception?.GetBaseException().Message ?? "closed"}");
            if (now != last)
                (last, lastMove) = (now, Environment.TickCount64);
            else if (Environment.TickCount64 - lastMove > 60_000)
                throw new TimeoutException($"the stream stalled at {now} bytes");
            await Task.Delay(10);
        }
    }

    public async Task<(long Sent, long Received)> FinishAsync()
    {
        await stop.CancelAsync();
        var sent = await sender!.WaitAsync(TimeSpan.FromSeconds(60));
        var received = await receiver.WaitAsync(TimeSpan.FromSeconds(60));
        return (sent, received);
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        client.Dispose();
        server.Dispose();
        listener.Dispose();
        stop.Dispose();
    }

    private async Task<long> Receive()
    {
        var buffer = new byte[64 * 1024];
        long total = 0;
        while (true)
        {
            var read = await server.ReceiveAsync(buffer);
            if (read == 0)
                return total;
            total += read;
            Interlocked.Exchange(ref receivedSoFar, total);
        }
    }
}
