using Encryption.Agent.Backends;
using Encryption.Agent.LocalNode;
using Encryption.Agent.Logging;
using Encryption.Core.Configuration;
using Encryption.Agent.Services;
using Encryption.Agent.State;
using Encryption.Agent.Status;
using Encryption.Core.Backends;
using Encryption.Core.Cluster;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Encryption.Agent.Hosting;

/// <summary>
/// Wires the agent: one hosted service per running piece (apply loop, local-node publisher, cluster source runner)
/// and Kestrel serving the status API on a unix socket (plus <c>/metrics</c>, <c>/healthz</c> on TCP when asked).
/// </summary>
internal static class AgentHost
{
    public static WebApplication Build(EncryptionOptions options, string bootId)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            console.UseUtcTimestamp = true;
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(10));

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<AgentState>();
        services.AddSingleton<BackendStarted>();
        services.AddSingleton(provider => BackendFactory.Create(options, provider));
        services.AddSingleton(provider => BackendFactory.Leftovers(options, provider));
        ClusterSourceRegistration.Add(services, options);
        services.AddSingleton(provider => new LocalNodeSource(LocalNodeSource.BaseNode(options.Agent, bootId), provider.GetRequiredService<IEncryptionBackend>()));

        // Start order matters: the apply loop subscribes to changes before the source lists.
        services.AddHostedService<BackendApplyService>();
        services.AddHostedService<LocalNodePublisherService>();
        services.AddHostedService<ClusterSourceService>();

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ListenUnixSocket(options.Agent.StatusSocketPath);
            if (options.Agent.MetricsEndpoint is { } endpoint)
                kestrel.Listen(endpoint);
        });

        var app = builder.Build();
        StatusEndpoints.Map(app);

        // Resolve eagerly: a backend or source that is not built fails here, before anything listens.
        _ = app.Services.GetRequiredService<IEncryptionBackend>();
        _ = app.Services.GetRequiredService<IClusterSource>();

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Encryption.Agent");
        StatusSocket.Prepare(options.Agent.StatusSocketPath, logger);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            HostLog.StatusSocket(logger, options.Agent.StatusSocketPath);
            if (options.Agent.MetricsEndpoint is { } endpoint)
                HostLog.PrometheusEndpoint(logger, endpoint);
        });
        app.Lifetime.ApplicationStopped.Register(() =>
        {
            StatusSocket.Remove(options.Agent.StatusSocketPath);
            HostLog.Stopped(logger);
        });
        HostLog.Starting(logger, options.Agent.NodeName, BackendNames.Name(options.EffectiveType), options.Agent.ClusterSource.ToString().ToLowerInvariant(), bootId);
        return app;
    }
}
