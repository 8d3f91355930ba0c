using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Encryption.Kubernetes.Config;

/// <summary>
/// Reads a kubeconfig: the chosen (or current) context, its cluster (server, CA inline or file,
/// insecure-skip-tls-verify, tls-server-name) and user (token, tokenFile, client certificate + key inline
/// or as files). Relative file paths are resolved against the kubeconfig's directory, as kubectl does.
/// Exec plugins, auth providers and basic auth are refused with a clear message.
/// </summary>
public static class KubeconfigLoader
{
    public static KubernetesClientConfig LoadFile(string path, TimeProvider timeProvider, string? context = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string yaml;
        try
        {
            yaml = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KubernetesConfigException($"Cannot read kubeconfig {path}: {e.Message}", e);
        }
        var directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        return Load(yaml, directory, $"kubeconfig {path}", timeProvider, context);
    }

    /// <param name="yaml">The kubeconfig text.</param>
    /// <param name="baseDirectory">Directory that relative file references are resolved against.</param>
    /// <param name="origin">How to name this kubeconfig in messages.</param>
    /// <param name="timeProvider">Clock for re-reading token files.</param>
    /// <param name="context">A context name, or null for <c>current-context</c>.</param>
    public static KubernetesClientConfig Load(string yaml, string baseDirectory, string origin, TimeProvider timeProvider, string? context = null)
    {
        var document = Parse(yaml, origin);
        var contextName = context ?? document.CurrentContext;
        if (string.IsNullOrEmpty(contextName))
            throw new KubernetesConfigException($"{origin} has no current-context and no context was chosen.");

        var ctx = Find(document.Contexts, c => c.Name, contextName, "context", origin).Context
            ?? throw new KubernetesConfigException($"{origin}: context '{contextName}' is empty.");
        var cluster = Find(document.Clusters, c => c.Name, ctx.Cluster, "cluster", origin).Cluster
            ?? throw new KubernetesConfigException($"{origin}: cluster '{ctx.Cluster}' is empty.");
        var user = string.IsNullOrEmpty(ctx.User)
            ? new KubeconfigUser()
            : Find(document.Users, u => u.Name, ctx.User, "user", origin).User ?? new KubeconfigUser();
        var where = $"{origin} (context {contextName})";

        if (string.IsNullOrEmpty(cluster.Server) || !Uri.TryCreate(cluster.Server, UriKind.Absolute, out var server))
            throw new KubernetesConfigException($"{where}: cluster '{ctx.Cluster}' has no valid server URL.");
        var hasCa = cluster.CertificateAuthorityData is not null || cluster.CertificateAuthority is not null;
        if (cluster.InsecureSkipTlsVerify && hasCa)
            throw new KubernetesConfigException($"{where}: a certificate authority and insecure-skip-tls-verify cannot both be set.");

        return new KubernetesClientConfig
        {
            Server = server,
            CertificateAuthorities = hasCa
                ? PemCertificates.LoadBundle(Material(cluster.CertificateAuthorityData, cluster.CertificateAuthority, baseDirectory, "certificate-authority", where), $"{where} certificate-authority")
                : null,
            InsecureSkipTlsVerify = cluster.InsecureSkipTlsVerify,
            TlsServerName = string.IsNullOrEmpty(cluster.TlsServerName) ? null : cluster.TlsServerName,
            ClientCertificate = ClientCertificate(user, baseDirectory, $"{where} user '{ctx.User}'"),
            Token = Token(user, baseDirectory, timeProvider, $"{where} user '{ctx.User}'"),
            Namespace = string.IsNullOrEmpty(ctx.Namespace) ? null : ctx.Namespace,
            Origin = where,
        };
    }

    private static KubeconfigDocument Parse(string yaml, string origin)
    {
        var deserializer = new DeserializerBuilder().IgnoreUnmatchedProperties().Build();
        try
        {
            return deserializer.Deserialize<KubeconfigDocument?>(yaml) ?? new KubeconfigDocument();
        }
        catch (YamlException e)
        {
            throw new KubernetesConfigException($"{origin} is not a valid kubeconfig: {e.Message}", e);
        }
    }

    private static T Find<T>(List<T>? entries, Func<T, string?> name, string? wanted, string what, string origin)
    {
        if (string.IsNullOrEmpty(wanted))
            throw new KubernetesConfigException($"{origin}: the context names no {what}.");
        foreach (var entry in entries ?? [])
        {
            if (name(entry) == wanted)
                return entry;
        }
        throw new KubernetesConfigException($"{origin}: no {what} named '{wanted}'.");
    }

    private static System.Security.Cryptography.X509Certificates.X509Certificate2? ClientCertificate(KubeconfigUser user, string baseDirectory, string where)
    {
        var hasCert = user.ClientCertificateData is not null || user.ClientCertificate is not null;
        var hasKey = user.ClientKeyData is not null || user.ClientKey is not null;
        if (!hasCert && !hasKey)
            return null;
        if (hasCert != hasKey)
            throw new KubernetesConfigException($"{where}: a client certificate needs both client-certificate and client-key.");
        var cert = Material(user.ClientCertificateData, user.ClientCertificate, baseDirectory, "client-certificate", where);
        var key = Material(user.ClientKeyData, user.ClientKey, baseDirectory, "client-key", where);
        return PemCertificates.LoadClientCertificate(cert, key, where);
    }

    private static ITokenSource? Token(KubeconfigUser user, string baseDirectory, TimeProvider timeProvider, string where)
    {
        if (user.Exec is not null)
            throw new KubernetesConfigException($"{where}: exec credential plugins are not supported; use a token, tokenFile or client certificate.");
        if (user.AuthProvider is not null)
            throw new KubernetesConfigException($"{where}: auth-provider plugins are not supported; use a token, tokenFile or client certificate.");
        if (!string.IsNullOrEmpty(user.Username))
            throw new KubernetesConfigException($"{where}: basic authentication is not supported; use a token, tokenFile or client certificate.");
        if (!string.IsNullOrEmpty(user.Token))
            return new StaticTokenSource(user.Token, $"{where} token");
        if (!string.IsNullOrEmpty(user.TokenFile))
            return new FileTokenSource(Resolve(user.TokenFile, baseDirectory), timeProvider);
        return null;
    }

    /// <summary>Inline <c>*-data</c> (base64 of PEM) wins over the file reference, as in kubectl.</summary>
    private static string Material(string? data, string? file, string baseDirectory, string field, string where)
    {
        if (data is not null)
        {
            try
            {
                return Encoding.UTF8.GetString(Convert.FromBase64String(data));
            }
            catch (FormatException)
            {
                throw new KubernetesConfigException($"{where}: {field}-data is not valid base64.");
            }
        }
        var path = Resolve(file!, baseDirectory);
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KubernetesConfigException($"{where}: cannot read {field} file {path}: {e.Message}", e);
        }
    }

    private static string Resolve(string path, string baseDirectory) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(baseDirectory, path));
}
