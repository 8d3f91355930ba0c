using System.Text;
using System.Text.Json.Nodes;

namespace Encryption.Kubernetes.Tests.ApiServer;

/// <summary>
/// What the real API server does to a Secret on every write: <c>stringData</c> is write-only; each of its entries
/// is base64-encoded into <c>data</c> (replacing the same key there) and the field is dropped.
/// </summary>
public static class SecretWrites
{
    public static void Normalize(ApiResource resource, JsonObject secret)
    {
        if (resource != ApiResource.Secrets || secret["stringData"] is not JsonObject stringData)
            return;
        if (secret["data"] is not JsonObject data)
        {
            data = new JsonObject();
            secret["data"] = data;
        }

        foreach (var (key, value) in stringData)
            data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(value?.GetValue<string>() ?? ""));
        secret.Remove("stringData");
    }
}
