using System.Net;

namespace Encryption.Ztunnel.Grpc;

/// <summary>Where and how the gRPC server listens. Defaults match Cilium's ztunnel xDS/CA listener.</summary>
public sealed record GrpcServerOptions
{
    /// <summary>Loopback only: ztunnel reaches it as https://localhost:15012.</summary>
    public IReadOnlyList<IPEndPoint> Endpoints { get; init; } = [new IPEndPoint(IPAddress.Loopback, 15012)];

    /// <summary>Largest request message accepted (a reconnecting ztunnel lists every resource it holds).</summary>
    public int MaxReceiveMessageSize { get; init; } = 64 * 1024 * 1024;

    /// <summary>Server-initiated HTTP/2 PING when the connection was quiet this long (Cilium: keepalive Time 30 s).</summary>
    public TimeSpan KeepAlivePingDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Close the connection when a PING is not answered within this (Cilium: keepalive Timeout 10 s).</summary>
    public TimeSpan KeepAlivePingTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long stopping waits for calls to finish before connections are closed.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
