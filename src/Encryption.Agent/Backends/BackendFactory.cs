using Encryption.Core.Configuration;
using Encryption.Core.Backends;

namespace Encryption.Agent.Backends;

/// <summary>Picks the backend named by the options. Backends whose projects have no implementation yet fail clearly.</summary>
internal static class BackendFactory
{
    /// <summary>Backends this build can run; the lab asks before creating anything.</summary>
    public static readonly IReadOnlySet<EncryptionType> Built = new HashSet<EncryptionType> { EncryptionType.None };

    /// <exception cref="BackendNotBuiltException">The backend has no implementation in this build.</exception>
    public static IEncryptionBackend Create(EncryptionOptions options, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        return options.EffectiveType switch
        {
            EncryptionType.None => new NoneBackend(),
            var other => throw new BackendNotBuiltException($"backend {BackendNames.Name(other)}"),
        };
    }
}
