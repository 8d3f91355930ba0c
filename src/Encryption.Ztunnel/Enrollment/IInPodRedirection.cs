namespace Encryption.Ztunnel.Enrollment;

/// <summary>Installs and removes the in-pod redirection inside a pod's network namespace. Both idempotent.</summary>
public interface IInPodRedirection
{
    Task InstallAsync(string networkNamespacePath, CancellationToken cancellationToken);

    /// <summary>Succeeds when the namespace is already gone (pod deleted): there is nothing left to remove.</summary>
    Task RemoveAsync(string networkNamespacePath, CancellationToken cancellationToken);
}
