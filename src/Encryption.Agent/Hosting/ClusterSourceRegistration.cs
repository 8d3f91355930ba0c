using Encryption.Agent.Backends;
using Encryption.Core.Configuration;
using Encryption.Kubernetes.Cluster;
using Encryption.Kubernetes.Config;
using Encryption.Kubernetes.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Encryption.Agent.Hosting;

/// <summary>Registers the cluster source named by <c>cluster-source</c> as the host's <c>IClusterSource</c>.</summary>
internal static class ClusterSourceRegistration
{
    /// <exception cref="BackendNotBuiltException">The source has no implementation in this build.</exception>
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
                throw new BackendNotBuiltException("cluster source \"file\"");
        }
    }
}
