using Encryption.Core.Cluster;
using Encryption.Core.Configuration;
using Encryption.Core.FileStore;
using Encryption.Kubernetes.Cluster;
using Encryption.Kubernetes.Config;
using Encryption.Kubernetes.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Encryption.Agent.Hosting;

/// <summary>Registers the cluster source named by <c>cluster-source</c> as the host's <c>IClusterSource</c>.</summary>
internal static class ClusterSourceRegistration
{
    public static void Add(IServiceCollection services, EncryptionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var agent = options.Agent;
        switch (agent.ClusterSource)
        {
            case ClusterSourceKind.Kubernetes:
                // CiliumNodes, Namespaces and Pods; kubeconfig when k8s-kubeconfig-path is set, else in-cluster.
                services.AddKubernetesClusterSource(
                    provider => KubernetesConfigLoader.Load(
                        ConfigEnvironment.Process(),
                        provider.GetRequiredService<TimeProvider>(),
                        agent.Kubeconfig.Length > 0 ? agent.Kubeconfig : null),
                    _ => new KubernetesSourceOptions { NodeName = agent.NodeName });
                break;
            default:
                // One JSON document per node in a shared directory (the lab's CiliumNode objects), watched.
                services.AddSingleton(provider => new FileClusterStore(
                    agent.FileStoreDirectory,
                    provider.GetRequiredService<TimeProvider>(),
                    provider.GetRequiredService<ILoggerFactory>().CreateLogger<FileClusterStore>()));
                services.AddSingleton<IClusterSource>(provider => provider.GetRequiredService<FileClusterStore>());
                break;
        }
    }
}
