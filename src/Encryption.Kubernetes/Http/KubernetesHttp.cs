using System.Security.Cryptography.X509Certificates;
using Encryption.Kubernetes.Config;
using Microsoft.Extensions.Logging;

namespace Encryption.Kubernetes.Http;

/// <summary>Builds the HTTP stack for a <see cref="KubernetesClientConfig"/>: TLS (CA, client certificate) and bearer tokens.</summary>
public static class KubernetesHttp
{
    /// <summary>The socket-level handler: TLS trust and the client certificate, no credentials headers.</summary>
    public static SocketsHttpHandler CreatePrimaryHandler(KubernetesClientConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var handler = new SocketsHttpHandler
        {
            // Watches hold a connection for minutes; ordinary requests share the others.
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            AutomaticDecompression = System.Net.DecompressionMethods.None,
        };
        handler.SslOptions.RemoteCertificateValidationCallback = ServerCertificateValidation.For(config);
        if (config.ClientCertificate is { } clientCertificate)
        {
            handler.SslOptions.ClientCertificates = new X509CertificateCollection { clientCertificate };
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate;
        }
        return handler;
    }

    /// <summary>The full handler chain: bearer tokens (when configured) over <see cref="CreatePrimaryHandler"/>.</summary>
    public static HttpMessageHandler CreateHandler(KubernetesClientConfig config, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var primary = CreatePrimaryHandler(config);
        return config.Token is null ? primary : new BearerTokenHandler(config.Token, logger) { InnerHandler = primary };
    }

    /// <summary>An <see cref="HttpClient"/> addressed at the API server, without an overall timeout (watches stream for minutes).</summary>
    public static HttpClient CreateClient(KubernetesClientConfig config, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new HttpClient(CreateHandler(config, logger), disposeHandler: true)
        {
            BaseAddress = config.Server,
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }
}
