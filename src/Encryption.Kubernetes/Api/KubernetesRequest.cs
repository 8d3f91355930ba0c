namespace Encryption.Kubernetes.Api;

/// <summary>
/// What a request does, in RBAC terms (verb, resource, namespace, name): errors name it and 403s turn it
/// into the missing rule.
/// </summary>
public sealed record KubernetesRequest(string Verb, KubernetesResource Resource, string? Namespace, string? Name)
{
    public override string ToString()
    {
        var target = Name is null ? Resource.DisplayName : $"{Resource.DisplayName} \"{Name}\"";
        var scope = string.IsNullOrEmpty(Namespace)
            ? (Resource.Namespaced && Name is null ? " in all namespaces" : "")
            : $" in namespace \"{Namespace}\"";
        return $"{Verb} {target}{scope}";
    }
}
