using Encryption.WireGuard.Model;
using System.Buffers;
using System.Net.Sockets;
using System.Text;

namespace Encryption.WireGuard.Uapi;

/// <summary>
/// The userspace transport: the UAPI text protocol on <c>&lt;directory&gt;/&lt;ifname&gt;.sock</c>
/// (<c>/var/run/wireguard</c> by default, as wireguard-go creates it). One request per connection, as
/// <c>wg</c> and wgctrl-go do: after an error the server treats the rest of the request as a new op and hangs up.
/// The socket lives in the filesystem, so it is reachable whatever network namespace the device is in.
/// </summary>
public sealed class UapiClient : IWireGuardClient
{
    public const string DefaultSocketDirectory = "/var/run/wireguard";

    private readonly TimeSpan timeout;

    public UapiClient(string socketDirectory = DefaultSocketDirectory, TimeSpan? timeout = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(socketDirectory);
        SocketDirectory = socketDirectory;
        this.timeout = timeout ?? TimeSpan.FromSeconds(30);
    }

    public WireGuardTransportKind Kind => WireGuardTransportKind.Userspace;

    public string SocketDirectory { get; }

    /// <summary>How many bytes the last request sent (benchmarks and tests read it).</summary>
    public long LastRequestBytes { get; private set; }

    public string SocketPath(string name) => Path.Combine(SocketDirectory, name + ".sock");

    /// <summary>True when a UAPI socket file for <paramref name="name"/> exists (wgctrl-go's <c>find</c>).</summary>
    public bool HasDevice(string name) => File.Exists(SocketPath(name));

    /// <summary>Names of every device with a socket in the directory.</summary>
    public IReadOnlyList<string> ListDevices() =>
        Directory.Exists(SocketDirectory)
            ? [.. Directory.EnumerateFiles(SocketDirectory, "*.sock").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal)]
            : [];

    /// <summary>Same as: <c>wg show NAME dump</c> (with the private key kept hidden in the model).</summary>
    public WireGuardDevice GetDevice(string name)
    {
        var response = Exchange(name, UapiRequestWriter.GetRequest, $"get WireGuard device {name}");
        return UapiResponseParser.ParseGet(name, response);
    }

    /// <summary>Same as: <c>wg set NAME ...</c>.</summary>
    public void ConfigureDevice(string name, DeviceConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var request = UapiRequestWriter.WriteSet(config);
        var operation = $"configure WireGuard device {name} over UAPI";
        UapiResponseParser.ParseSet(Exchange(name, request, operation), operation);
    }

    public void Dispose()
    {
    }

    private string Exchange(string name, ReadOnlySpan<byte> request, string operation)
    {
        var path = SocketPath(name);
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
        {
            SendTimeout = (int)timeout.TotalMilliseconds,
            ReceiveTimeout = (int)timeout.TotalMilliseconds,
        };
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(path));
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressNotAvailable or SocketError.ConnectionRefused || !File.Exists(path))
        {
            throw new WireGuardDeviceNotFoundException($"{operation}: no userspace WireGuard device at {path} ({e.SocketErrorCode})", 0, e);
        }

        try
        {
            LastRequestBytes = request.Length;
            var sent = 0;
            while (sent < request.Length)
                sent += socket.Send(request[sent..]);
            return ReadReply(socket, operation);
        }
        catch (SocketException e)
        {
            throw new WireGuardException($"{operation}: UAPI socket {path}: {e.SocketErrorCode}", e.ErrorCode, e);
        }
    }

    /// <summary>Reads until the empty line that ends a reply (a reply never starts with one).</summary>
    private static string ReadReply(Socket socket, string operation)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        var scanned = 0;
        while (true)
        {
            var span = buffer.GetSpan(64 * 1024);
            var read = socket.Receive(span);
            if (read == 0)
                throw new WireGuardException($"{operation}: the device closed the connection without a complete reply ({buffer.WrittenCount} bytes)", 5);
            buffer.Advance(read);
            var written = buffer.WrittenSpan;
            var end = written[Math.Max(0, scanned - 1)..].IndexOf("\n\n"u8);
            if (end >= 0 || (written.Length == 1 && written[0] == (byte)'\n'))
                return Encoding.ASCII.GetString(written);
            scanned = written.Length;
        }
    }
}
