using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Encryption.Ztunnel.Grpc;

/// <summary>
/// gRPC over Kestrel: TLS with the given server certificate, HTTP/2 only (ALPN h2), no client
/// certificate, keep-alive PINGs, and no idle or body limits that would end long-lived streams.
/// </summary>
public sealed class GrpcServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly CancellationTokenSource stopping = new();
    private readonly GrpcServerOptions options;
    private readonly ILogger logger;
    private bool started;

    public GrpcServer(GrpcServerOptions options, X509Certificate2 serverCertificate, IEnumerable<GrpcMethod> methods, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        this.options = options;
        logger = loggerFactory.CreateLogger<GrpcServer>();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel => Configure(kestrel, options, serverCertificate));
        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = options.ShutdownTimeout);
        app = builder.Build();
        var dispatcher = new GrpcDispatcher(methods, options.MaxReceiveMessageSize, timeProvider, logger, stopping.Token);
        app.Run(dispatcher.HandleAsync);
    }

    /// <summary>The bound endpoints (with the real port when a configured port was 0); valid after <see cref="StartAsync"/>.</summary>
    public IReadOnlyList<IPEndPoint> BoundEndpoints { get; private set; } = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        started = true;
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        BoundEndpoints = addresses.Select(ParseAddress).ToList();
        GrpcLog.Listening(logger, BoundEndpoints);
    }

    /// <summary>Ends open streams with status OK, then closes connections with GOAWAY.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        if (started)
            await app.StopAsync(cancellationToken).ConfigureAwait(false);
        started = false;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
        stopping.Dispose();
    }

    private static void Configure(KestrelServerOptions kestrel, GrpcServerOptions options, X509Certificate2 certificate)
    {
        kestrel.AddServerHeader = false;
        // The CA connection may stay quiet for hours between certificate requests; PINGs detect dead peers.
        kestrel.Limits.KeepAliveTimeout = Timeout.InfiniteTimeSpan;
        kestrel.Limits.MaxRequestBodySize = null;
        kestrel.Limits.MinRequestBodyDataRate = null;
        kestrel.Limits.MinResponseDataRate = null;
        kestrel.Limits.Http2.KeepAlivePingDelay = options.KeepAlivePingDelay;
        kestrel.Limits.Http2.KeepAlivePingTimeout = options.KeepAlivePingTimeout;
        kestrel.Limits.Http2.InitialConnectionWindowSize = 4 * 1024 * 1024;
        kestrel.Limits.Http2.InitialStreamWindowSize = 2 * 1024 * 1024;
        foreach (var endpoint in options.Endpoints)
        {
            kestrel.Listen(endpoint, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                listen.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificate = certificate,
                    SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                    ClientCertificateMode = ClientCertificateMode.NoCertificate,
                });
            });
        }
    }

    private static IPEndPoint ParseAddress(string address)
    {
        var uri = new Uri(address);
        var host = uri.Host.Trim('[', ']');
        return new IPEndPoint(IPAddress.Parse(host), uri.Port);
    }
}
