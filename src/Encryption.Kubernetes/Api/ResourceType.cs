using System.Text.Json.Serialization.Metadata;
using Encryption.Kubernetes.Models;

namespace Encryption.Kubernetes.Api;

/// <summary>A resource bound to its model type and the source-generated serializers for it.</summary>
public sealed record ResourceType<T>(
    KubernetesResource Resource,
    JsonTypeInfo<T> ObjectInfo,
    JsonTypeInfo<KubernetesList<T>> ListInfo)
    where T : class, IKubernetesObject;

/// <summary>The resources this project reads and writes.</summary>
public static class ResourceTypes
{
    public static readonly ResourceType<CiliumNode> CiliumNodes = new(
        new KubernetesResource("cilium.io", "v2", "ciliumnodes", Namespaced: false),
        KubernetesJsonContext.Default.CiliumNode,
        KubernetesJsonContext.Default.KubernetesListCiliumNode);

    public static readonly ResourceType<Secret> Secrets = new(
        new KubernetesResource("", "v1", "secrets", Namespaced: true),
        KubernetesJsonContext.Default.Secret,
        KubernetesJsonContext.Default.KubernetesListSecret);

    public static readonly ResourceType<KubernetesNamespace> Namespaces = new(
        new KubernetesResource("", "v1", "namespaces", Namespaced: false),
        KubernetesJsonContext.Default.KubernetesNamespace,
        KubernetesJsonContext.Default.KubernetesListKubernetesNamespace);

    public static readonly ResourceType<Pod> Pods = new(
        new KubernetesResource("", "v1", "pods", Namespaced: true),
        KubernetesJsonContext.Default.Pod,
        KubernetesJsonContext.Default.KubernetesListPod);
}
