using System.Net;
using System.Net.Sockets;

namespace Encryption.Cli.Status;

/// <summary>HTTP to the agent over its unix socket (the agent's Kestrel <c>ListenUnixSocket</c>).</summary>
internal sealed class AgentClient : IDisposable
{
    public const string DefaultSocket = "/var/run/encryption/agent.sock";

    private readonly HttpClient http;

    public AgentClient(string socketPath, TimeSpan timeout)
    {
        SocketPath = socketPath;
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        http = new HttpClient(handler) { BaseAddress = new Uri("http://agent/"), Timeout = timeout };
    }

    public string SocketPath { get; }

    public async Task<AgentStatus> StatusAsync(CancellationToken cancellationToken)
    {
        var json = await http.GetStringAsync(new Uri("v1/encrypt/status", UriKind.Relative), cancellationToken).ConfigureAwait(false);
        return AgentStatus.Parse(json);
    }

    /// <summary>GET /healthz: true for 200, false for 503 (the body says why).</summary>
    public async Task<(bool Healthy, string Body)> HealthAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri("healthz", UriKind.Relative), cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return (response.StatusCode == HttpStatusCode.OK, body);
    }

    /// <summary>POST /v1/wireguard/rotate-key: the status code (200, or 409 when the agent runs another backend) and the JSON body.</summary>
    public async Task<(HttpStatusCode Status, string Body)> RotateWireGuardKeyAsync(CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync(new Uri("v1/wireguard/rotate-key", UriKind.Relative), content: null, cancellationToken).ConfigureAwait(false);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
    }

    public Task<string> MetricsAsync(CancellationToken cancellationToken) =>
        http.GetStringAsync(new Uri("metrics", UriKind.Relative), cancellationToken);

    public void Dispose() => http.Dispose();
}
