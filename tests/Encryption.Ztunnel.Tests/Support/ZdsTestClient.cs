using System.Net.Sockets;
using Encryption.Ztunnel.Protos.Zds;
using Encryption.Ztunnel.Zds.Interop;
using Google.Protobuf;

namespace Encryption.Ztunnel.Tests.Support;

/// <summary>Plays ztunnel's side of ZDS (src/inpod/protocol.rs): hello, then read one request and answer it.</summary>
public sealed class ZdsTestClient : IDisposable
{
    private readonly Socket socket;
    private readonly List<int> fds = [];

    private ZdsTestClient(Socket socket) => this.socket = socket;

    public static async Task<ZdsTestClient> ConnectAsync(string path, bool sendHello = true)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Seqpacket, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(path));
        var client = new ZdsTestClient(socket);
        if (sendHello)
            socket.Send(new ZdsHello { Version = Protos.Zds.Version.V1 }.ToByteArray());
        return client;
    }

    /// <summary>The next request and the fd that came with it (owned by this client, closed on dispose).</summary>
    public (WorkloadRequest Request, int? Fd) Receive(TimeSpan? timeout = null)
    {
        if (!socket.Poll(timeout ?? TimeSpan.FromSeconds(10), SelectMode.SelectRead))
            throw new TimeoutException("no ZDS message from the server");
        var buffer = new byte[1024];
        var (length, truncated, received) = FdPassing.Receive((int)socket.SafeHandle.DangerousGetHandle(), buffer);
        fds.AddRange(received);
        if (truncated)
            throw new InvalidOperationException("received truncated message");
        if (length == 0)
            throw new EndOfStreamException("server closed the ZDS connection");
        if (received.Count > 1)
            throw new InvalidOperationException("Expected 1 FD");
        return (WorkloadRequest.Parser.ParseFrom(buffer.AsSpan(0, length)), received.Count == 1 ? received[0] : null);
    }

    public void Ack(string error = "") =>
        socket.Send(new WorkloadResponse { Ack = new Ack { Error = error } }.ToByteArray());

    /// <summary>Receives requests, acking each, until SnapshotSent (acked too); returns the Adds and Keeps before it.</summary>
    public List<(WorkloadRequest Request, int? Fd)> ReceiveSnapshot()
    {
        var messages = new List<(WorkloadRequest, int?)>();
        while (true)
        {
            var (request, fd) = Receive();
            Ack();
            if (request.PayloadCase == WorkloadRequest.PayloadOneofCase.SnapshotSent)
                return messages;
            messages.Add((request, fd));
        }
    }

    /// <summary>True when nothing arrives within <paramref name="wait"/>.</summary>
    public bool IsQuiet(TimeSpan wait) => !socket.Poll(wait, SelectMode.SelectRead);

    public void Dispose()
    {
        foreach (var fd in fds)
            ZdsLibc.close(fd);
        socket.Dispose();
    }
}
