using Encryption.Kubernetes.Api;
using Encryption.Kubernetes.Config;
using Encryption.Kubernetes.Http;
using Encryption.Kubernetes.Secrets;

namespace Encryption.Cli.Keys;

/// <summary>
/// The IPsec keys Secret (<c>cilium-ipsec-keys</c> in <c>kube-system</c> by default, data key <c>keys</c>), reached with
/// the kubeconfig kubectl would use. Replacing is a merge patch of <c>data.keys</c> conditional on the version read.
/// </summary>
internal sealed class KeySecretStore : IKeyStore
{
    private readonly HttpClient http;
    private readonly IPsecKeysSecretClient client;

    public KeySecretStore(IPsecKeysSecretLocation location, string? kubeconfig, TimeProvider time)
    {
        var config = KubernetesConfigLoader.Load(ConfigEnvironment.Process(), time, kubeconfig);
        http = KubernetesHttp.CreateClient(config);
        client = new IPsecKeysSecretClient(new KubernetesApiClient(http, new KubernetesApiClientOptions(), time), location);
    }

    public string Name => $"Secret {client.Location}";

    public async Task<StoredKeys?> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetAsync(cancellationToken).ConfigureAwait(false) is { } secret
                ? new StoredKeys(secret.Keys, secret.ResourceVersion, null)
                : null;
        }
        catch (InvalidDataException e)
        {
            throw new KeyStoreException(e.Message, e);
        }
    }

    public async Task CreateAsync(string text, CancellationToken cancellationToken)
    {
        try
        {
            await client.CreateAsync(text, cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (e.IsConflict)
        {
            throw new KeyStoreException($"{Name} already exists: rotate it with `encrypt keys rotate --secret {client.Location.Name}`", e);
        }
    }

    public async Task ReplaceAsync(string text, StoredKeys read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            await client.ReplaceKeysAsync(text, read.Version, cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (e.IsConflict)
        {
            throw new KeyStoreException($"{Name} changed since it was read (another rotation?): nothing written, run the command again", e);
        }
    }

    public void Dispose() => http.Dispose();
}
