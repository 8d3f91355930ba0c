using Encryption.Cli.Lab.Exec;
using Netlink;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Encryption.Cli.Lab.Verify;

/// <summary>The outcome of probing one pod from another.</summary>
internal sealed record ProbeResult(LabPod From, LabPod To, bool PingOk, string Ping, bool TcpOk, string Tcp)
{
    public bool Ok => PingOk && TcpOk;
}

/// <summary>
/// Traffic between two pods on different nodes: <c>ping</c> from the client pod, then a TCP transfer of the probe
/// payload whose SHA-256 the server sends back. The TCP sockets are real sockets in the pods' namespaces, opened by
/// this process on threads that enter them.
/// </summary>
internal static partial class PodProbe
{
    public const int TcpPort = 5001;
    public const int TcpBytes = 256 * 1024;
    private static readonly TimeSpan TcpTimeout = TimeSpan.FromSeconds(20);

    public static async Task<ProbeResult> RunAsync(LabPod from, LabPod to, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);

        // Same as: ip netns exec POD ping -c 3 -i 0.2 -W 2 -q DEST
        var ping = await Ip.ExecAsync(from.Namespace, cancellationToken, "ping", "-c", "3", "-i", "0.2", "-W", "2", "-q", to.IPv4.ToString()).ConfigureAwait(false);
        var summary = PingSummary().Match(ping.StandardOutput);
        var pingText = summary.Success ? summary.Value : ping.StandardError.Trim();

        var (tcpOk, tcpText) = await TransferAsync(from, to, time, cancellationToken).ConfigureAwait(false);
        return new ProbeResult(from, to, ping.Succeeded, pingText, tcpOk, tcpText);
    }

    private static async Task<(bool, string)> TransferAsync(LabPod from, LabPod to, TimeProvider time, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(TcpTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var payload = PlaintextProbe.Payload(TcpBytes);
        try
        {
            using var listener = OpenIn(to.Namespace);
            listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Bind(new IPEndPoint(to.IPv4, TcpPort));
            listener.Listen(1);
            var server = ServeOnceAsync(listener, linked.Token);

            using var client = OpenIn(from.Namespace);
            await client.ConnectAsync(new IPEndPoint(to.IPv4, TcpPort), linked.Token).ConfigureAwait(false);
            await client.SendAsync(payload, SocketFlags.None, linked.Token).ConfigureAwait(false);
            client.Shutdown(SocketShutdown.Send);
            var digest = await ReceiveAllAsync(client, linked.Token).ConfigureAwait(false);
            var received = await server.ConfigureAwait(false);
            return digest.AsSpan().SequenceEqual(SHA256.HashData(payload))
                ? (true, $"{received} bytes sent and checked")
                : (false, $"server got {received} bytes but the digest does not match");
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return (false, $"timed out after {TcpTimeout.TotalSeconds:0} s");
        }
        catch (SocketException e)
        {
            return (false, e.Message);
        }
    }

    /// <summary>Accepts one connection, reads to end of stream, answers with the SHA-256 of what it read.</summary>
    private static async Task<long> ServeOnceAsync(Socket listener, CancellationToken cancellationToken)
    {
        using var connection = await listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[64 * 1024];
        long total = 0;
        int read;
        while ((read = await connection.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            total += read;
        }

        await connection.SendAsync(hash.GetHashAndReset(), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        connection.Shutdown(SocketShutdown.Both);
        return total;
    }

    private static async Task<byte[]> ReceiveAllAsync(Socket socket, CancellationToken cancellationToken)
    {
        var received = new List<byte>();
        var buffer = new byte[256];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false)) > 0)
            received.AddRange(buffer.AsSpan(0, read));
        return [.. received];
    }

    /// <summary>A TCP socket created inside the named network namespace (it stays there whatever thread uses it).</summary>
    private static Socket OpenIn(string networkNamespace)
    {
        using var ns = NetworkNamespace.FromName(networkNamespace);
        return ns.Run(() => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
    }

    [GeneratedRegex(@"\d+ packets transmitted, \d+ received[^\n]*")]
    private static partial Regex PingSummary();
}
