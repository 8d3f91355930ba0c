using System.Net;
using Encryption.Kubernetes.Models;

namespace Encryption.Kubernetes.Api;

/// <summary>403: the agent's identity lacks an RBAC rule. The message names the verb, resource and
/// object, and spells out the rule to add.</summary>
public sealed class KubernetesForbiddenException : KubernetesApiException
{
    public KubernetesForbiddenException(KubernetesRequest request, KubernetesStatus? status)
        : base(request, HttpStatusCode.Forbidden, status, Describe(request, status))
    {
    }

    /// <summary>The missing rule in ClusterRole/Role YAML flow style.</summary>
    public string SuggestedRule => Suggest(Request);

    private static string Suggest(KubernetesRequest request) =>
        $"{{apiGroups: [\"{request.Resource.Group}\"], resources: [\"{request.Resource.Plural}\"], verbs: [\"{request.Verb}\"]}}";

    private static string Describe(KubernetesRequest request, KubernetesStatus? status)
    {
        var binding = request.Resource.Namespaced && !string.IsNullOrEmpty(request.Namespace)
            ? $"a Role in namespace \"{request.Namespace}\" (or a ClusterRole)"
            : "a ClusterRole";
        var server = string.IsNullOrWhiteSpace(status?.Message) ? "" : $" The API server said: {status.Message}";
        return $"Kubernetes API: forbidden to {request}. Bind the agent's identity to {binding} with the rule " +
            $"{Suggest(request)}.{server}";
    }
}
