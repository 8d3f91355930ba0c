using System.Text;
using System.Text.Json.Nodes;
using Encryption.Kubernetes.Api;
using Encryption.Kubernetes.Models;

namespace Encryption.Kubernetes.Secrets;

/// <summary>
/// Reads, creates and rotates the IPsec keys Secret (for <c>keys status</c>, <c>keys create</c>,
/// <c>keys rotate</c>). Rotation is a conditional merge patch of <c>data.keys</c>: if someone else rotated
/// since the read, the API server answers 409 instead of a lost update.
/// </summary>
public sealed class IPsecKeysSecretClient
{
    private readonly KubernetesApiClient _client;

    public IPsecKeysSecretClient(KubernetesApiClient client, IPsecKeysSecretLocation location)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        Location = location ?? throw new ArgumentNullException(nameof(location));
    }

    public IPsecKeysSecretLocation Location { get; }

    /// <summary>The current key line, or null when the Secret does not exist.</summary>
    public async Task<IPsecKeysSecret?> GetAsync(CancellationToken cancellationToken)
    {
        try
        {
            var secret = await _client.GetAsync(ResourceTypes.Secrets, Location.Namespace, Location.Name, cancellationToken).ConfigureAwait(false);
            return IPsecKeysSecretReader.Read(secret, Location);
        }
        catch (KubernetesApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>Creates the Secret; 409 (<see cref="KubernetesApiException.IsConflict"/>) if it exists.</summary>
    public async Task<IPsecKeysSecret> CreateAsync(string keys, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keys);
        var secret = new Secret
        {
            Metadata = new ObjectMeta { Name = Location.Name, Namespace = Location.Namespace },
            Type = "Opaque",
            Data = new Dictionary<string, byte[]> { [Location.DataKey] = Encoding.UTF8.GetBytes(keys) },
        };
        var created = await _client.CreateAsync(ResourceTypes.Secrets, secret, cancellationToken).ConfigureAwait(false);
        return IPsecKeysSecretReader.Read(created, Location);
    }

    /// <summary>
    /// Replaces the key line, only if the Secret is still at <paramref name="expectedResourceVersion"/>
    /// (null: unconditionally). Same as: <c>kubectl patch secret cilium-ipsec-keys --type=merge -p '{"data":{"keys":"..."}}'</c>.
    /// </summary>
    public async Task<IPsecKeysSecret> ReplaceKeysAsync(string keys, string? expectedResourceVersion, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keys);
        var patch = new JsonObject
        {
            ["data"] = new JsonObject { [Location.DataKey] = Convert.ToBase64String(Encoding.UTF8.GetBytes(keys)) },
        };
        if (expectedResourceVersion is not null)
            patch["metadata"] = new JsonObject { ["resourceVersion"] = expectedResourceVersion };
        var patched = await _client.PatchAsync(ResourceTypes.Secrets, Location.Namespace, Location.Name, patch, cancellationToken).ConfigureAwait(false);
        return IPsecKeysSecretReader.Read(patched, Location);
    }
}
