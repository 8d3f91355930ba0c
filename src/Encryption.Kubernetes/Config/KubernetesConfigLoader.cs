namespace Encryption.Kubernetes.Config;

/// <summary>
/// Picks the configuration the way kubectl and client-go do: an explicit kubeconfig path wins; inside a
/// pod the in-cluster configuration; otherwise <c>$KUBECONFIG</c> (the first existing file of the list)
/// or <c>~/.kube/config</c>.
/// </summary>
public static class KubernetesConfigLoader
{
    public static KubernetesClientConfig Load(
        ConfigEnvironment environment,
        TimeProvider timeProvider,
        string? kubeconfigPath = null,
        string? context = null,
        string serviceAccountDirectory = InClusterConfig.DefaultServiceAccountDirectory)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!string.IsNullOrEmpty(kubeconfigPath))
            return KubeconfigLoader.LoadFile(kubeconfigPath, timeProvider, context);
        if (InClusterConfig.IsAvailable(environment))
            return InClusterConfig.Load(environment, timeProvider, serviceAccountDirectory);

        var candidates = (environment.GetVariable("KUBECONFIG") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToList();
        if (environment.HomeDirectory is { } home)
            candidates.Add(Path.Combine(home, ".kube", "config"));
        foreach (var candidate in candidates)
        {
            if (File.Exists(candidate))
                return KubeconfigLoader.LoadFile(candidate, timeProvider, context);
        }
        throw new KubernetesConfigException(
            "No Kubernetes configuration: not in a pod (KUBERNETES_SERVICE_HOST unset), and no kubeconfig " +
            $"(looked at {(candidates.Count == 0 ? "nothing: KUBECONFIG and HOME unset" : string.Join(", ", candidates))}).");
    }
}
