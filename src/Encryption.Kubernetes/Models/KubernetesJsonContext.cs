using System.Text.Json;
using System.Text.Json.Serialization;

namespace Encryption.Kubernetes.Models;

/// <summary>Source-generated (de)serializers for every wire type: no reflection at run time.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(CiliumNode))]
[JsonSerializable(typeof(KubernetesList<CiliumNode>))]
[JsonSerializable(typeof(Secret))]
[JsonSerializable(typeof(KubernetesList<Secret>))]
[JsonSerializable(typeof(KubernetesNamespace))]
[JsonSerializable(typeof(KubernetesList<KubernetesNamespace>))]
[JsonSerializable(typeof(Pod))]
[JsonSerializable(typeof(KubernetesList<Pod>))]
[JsonSerializable(typeof(KubernetesStatus))]
[JsonSerializable(typeof(RawWatchEvent))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(System.Text.Json.Nodes.JsonObject))]
public sealed partial class KubernetesJsonContext : JsonSerializerContext;
