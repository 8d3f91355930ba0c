using Encryption.Agent.Backends;
using Encryption.Core.Configuration;
using Encryption.Core.Cluster;

namespace Encryption.Agent.Hosting;

/// <summary>Picks the cluster source named by the options.</summary>
internal static class ClusterSourceFactory
{
    /// <exception cref="BackendNotBuiltException">The source has no implementation in this build.</exception>
    public static IClusterSource Create(EncryptionOptions options, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Agent.ClusterSource switch
        {
            ClusterSourceKind.File => throw new BackendNotBuiltException("cluster source \"file\""),
            _ => throw new BackendNotBuiltException("cluster source \"kubernetes\""),
        };
    }
}
