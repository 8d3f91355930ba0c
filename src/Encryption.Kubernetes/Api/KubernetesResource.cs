namespace Encryption.Kubernetes.Api;

/// <summary>
/// Where a kind of object lives in the API: <c>/api/v1/namespaces/{ns}/pods</c>,
/// <c>/apis/cilium.io/v2/ciliumnodes/{name}</c>. Also how errors and RBAC hints name it.
/// </summary>
public sealed record KubernetesResource(string Group, string Version, string Plural, bool Namespaced)
{
    /// <summary><c>ciliumnodes.cilium.io</c>, or <c>pods</c> for the core group (as kubectl and the API server print it).</summary>
    public string DisplayName => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>The path of the collection; a null namespace on a namespaced resource means all namespaces.</summary>
    public string CollectionPath(string? @namespace)
    {
        var root = Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";
        if (!Namespaced || string.IsNullOrEmpty(@namespace))
            return $"{root}/{Plural}";
        return $"{root}/namespaces/{Uri.EscapeDataString(@namespace)}/{Plural}";
    }

    public string ItemPath(string? @namespace, string name)
    {
        if (Namespaced && string.IsNullOrEmpty(@namespace))
            throw new ArgumentException($"{DisplayName} are namespaced: a namespace is required to address '{name}'.", nameof(@namespace));
        return $"{CollectionPath(@namespace)}/{Uri.EscapeDataString(name)}";
    }

    public override string ToString() => DisplayName;
}
