using System.Net;
using System.Net.Sockets;

namespace Encryption.Lab.Tests.Support;

/// <summary>Plain HTTP to one agent over its unix socket, for what the CLI does not print (metrics, raw status JSON).</summary>
internal sealed class AgentHttp : IDisposable
{
    private readonly HttpClient http;

    public AgentHttp(string socketPath)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        http = new HttpClient(handler) { BaseAddress = new Uri("http://agent/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public Task<string> GetAsync(string path) => http.GetStringAsync(new Uri(path, UriKind.Relative));

    public async Task<(HttpStatusCode Status, string Body)> PostAsync(string path)
    {
        using var response = await http.PostAsync(new Uri(path, UriKind.Relative), content: null);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public void Dispose() => http.Dispose();
}
