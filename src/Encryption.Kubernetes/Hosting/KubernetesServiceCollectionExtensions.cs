using Encryption.Core.Cluster;
using Encryption.Kubernetes.Api;
using Encryption.Kubernetes.Cluster;
using Encryption.Kubernetes.Config;
using Encryption.Kubernetes.Http;
using Encryption.Kubernetes.Secrets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Encryption.Kubernetes.Hosting;

/// <summary>Registers the Kubernetes client and cluster source with a host.</summary>
public static class KubernetesServiceCollectionExtensions
{
    /// <summary>Name of the <see cref="HttpClient"/> registered with <see cref="IHttpClientFactory"/>.</summary>
    public const string HttpClientName = "kubernetes";

    /// <summary>
    /// Adds <see cref="KubernetesClientConfig"/> (from <paramref name="loadConfig"/>), the API client, the
    /// cluster source (also as <see cref="IClusterSource"/>) and the IPsec keys Secret client and watcher.
    /// A <see cref="TimeProvider"/> registered by the host is used; otherwise the system clock.
    /// </summary>
    public static IServiceCollection AddKubernetesClusterSource(
        this IServiceCollection services,
        Func<IServiceProvider, KubernetesClientConfig> loadConfig,
        Func<IServiceProvider, KubernetesSourceOptions> sourceOptions,
        Func<IServiceProvider, IPsecKeysSecretLocation>? secretLocation = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(loadConfig);
        ArgumentNullException.ThrowIfNull(sourceOptions);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(loadConfig);
        services.AddHttpClient(HttpClientName, (sp, http) =>
            {
                http.BaseAddress = sp.GetRequiredService<KubernetesClientConfig>().Server;
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .ConfigurePrimaryHttpMessageHandler(sp => KubernetesHttp.CreatePrimaryHandler(sp.GetRequiredService<KubernetesClientConfig>()))
            .AddHttpMessageHandler(sp =>
            {
                var config = sp.GetRequiredService<KubernetesClientConfig>();
                var logger = Logger(sp, typeof(BearerTokenHandler));
                return config.Token is null ? new PassThroughHandler() : new BearerTokenHandler(config.Token, logger);
            })
            // Watches live for minutes; a rotated handler would only leak them.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);

        services.TryAddSingleton(sp => new KubernetesApiClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            new KubernetesApiClientOptions(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new KubernetesClusterSource(
            sp.GetRequiredService<KubernetesApiClient>(),
            sourceOptions(sp),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()));
        services.TryAddSingleton<IClusterSource>(sp => sp.GetRequiredService<KubernetesClusterSource>());

        IPsecKeysSecretLocation Location(IServiceProvider sp) =>
            secretLocation?.Invoke(sp)
            ?? new IPsecKeysSecretLocation(sp.GetRequiredService<KubernetesClientConfig>().Namespace ?? IPsecKeysSecretLocation.DefaultNamespace);
        services.TryAddSingleton(sp => new IPsecKeysSecretClient(sp.GetRequiredService<KubernetesApiClient>(), Location(sp)));
        services.TryAddSingleton(sp => new IPsecKeysSecretWatcher(
            sp.GetRequiredService<KubernetesApiClient>(),
            Location(sp),
            timeProvider: sp.GetRequiredService<TimeProvider>(),
            logger: Logger(sp, typeof(IPsecKeysSecretWatcher))));
        return services;
    }

    private static ILogger Logger(IServiceProvider sp, Type category) =>
        sp.GetService<ILoggerFactory>()?.CreateLogger(category) ?? NullLogger.Instance;

    private sealed class PassThroughHandler : DelegatingHandler;
}
