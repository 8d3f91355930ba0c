namespace Encryption.Kubernetes.Tests.ApiServer;

/// <summary>A resource the double serves.</summary>
public sealed record ApiResource(string Group, string Version, string Plural, string Kind, bool Namespaced)
{
    public static readonly ApiResource CiliumNodes = new("cilium.io", "v2", "ciliumnodes", "CiliumNode", false);
    public static readonly ApiResource Namespaces = new("", "v1", "namespaces", "Namespace", false);
    public static readonly ApiResource Pods = new("", "v1", "pods", "Pod", true);
    public static readonly ApiResource Secrets = new("", "v1", "secrets", "Secret", true);

    public static readonly IReadOnlyList<ApiResource> All = [CiliumNodes, Namespaces, Pods, Secrets];

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public string DisplayName => Group.Length == 0 ? Plural : $"{Plural}.{Group}";
}
