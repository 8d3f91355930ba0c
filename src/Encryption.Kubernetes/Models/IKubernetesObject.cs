namespace Encryption.Kubernetes.Models;

/// <summary>Anything with Kubernetes object metadata; the informer cache keys objects by it.</summary>
public interface IKubernetesObject
{
    ObjectMeta Metadata { get; }
}
