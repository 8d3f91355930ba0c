namespace Encryption.Kubernetes.Config;

/// <summary>The client configuration (kubeconfig, in-cluster files, environment) is missing or invalid.</summary>
public sealed class KubernetesConfigException : Exception
{
    public KubernetesConfigException(string message) : base(message) { }

    public KubernetesConfigException(string message, Exception inner) : base(message, inner) { }
}
