using Encryption.Kubernetes.Api;
using Encryption.Kubernetes.Informers;
using Encryption.Kubernetes.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Encryption.Kubernetes.Secrets;

/// <summary>
/// Watches the IPsec keys Secret (field selector on its name) and reports every new key line, or null
/// when the Secret is deleted. An alternative to watching the mounted file, which the kubelet refreshes
/// only every sync period.
/// </summary>
public sealed class IPsecKeysSecretWatcher
{
    private readonly Informer<Secret> _informer;
    private readonly IPsecKeysSecretLocation _location;
    private readonly ILogger _logger;
    private volatile IPsecKeysSecret? _current;

    public IPsecKeysSecretWatcher(
        KubernetesApiClient client,
        IPsecKeysSecretLocation location,
        InformerOptions? options = null,
        TimeProvider? timeProvider = null,
        ILogger? logger = null)
    {
        _location = location ?? throw new ArgumentNullException(nameof(location));
        _logger = logger ?? NullLogger.Instance;
        var query = new ResourceQuery { Namespace = location.Namespace, FieldSelector = $"metadata.name={location.Name}" };
        _informer = new Informer<Secret>(client, ResourceTypes.Secrets, (options ?? new InformerOptions()) with { Query = query }, timeProvider, _logger);
    }

    /// <summary>The last key line seen, or null (not listed yet, absent, or unreadable).</summary>
    public IPsecKeysSecret? Current => _current;

    /// <summary>Watches until cancelled, calling <paramref name="onChange"/> when the key line changes.</summary>
    public Task RunAsync(Func<IPsecKeysSecret?, CancellationToken, ValueTask> onChange, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onChange);
        return _informer.RunAsync(async (e, ct) =>
        {
            // The cache already reflects the event (a relist included): compare what it holds now.
            var secret = _informer.Items.GetValueOrDefault($"{_location.Namespace}/{_location.Name}");
            var next = Read(secret);
            var previous = _current;
            if (previous?.Keys == next?.Keys)
                return;
            _current = next;
            await onChange(next, ct).ConfigureAwait(false);
        }, cancellationToken);
    }

    private IPsecKeysSecret? Read(Secret? secret)
    {
        if (secret is null)
            return null;
        try
        {
            return IPsecKeysSecretReader.Read(secret, _location);
        }
        catch (InvalidDataException e)
        {
            SecretLog.Unreadable(_logger, _location.ToString(), e.Message);
            return null;
        }
    }
}
