using System.Text;
using Encryption.Kubernetes.Models;

namespace Encryption.Kubernetes.Secrets;

/// <summary>Extracts the key line from a Secret object.</summary>
internal static class IPsecKeysSecretReader
{
    public static IPsecKeysSecret Read(Secret secret, IPsecKeysSecretLocation location)
    {
        if (secret.Data is null || !secret.Data.TryGetValue(location.DataKey, out var bytes))
            throw new InvalidDataException($"IPsec key not found in the secret: {location} has no data key '{location.DataKey}'.");
        var keys = Encoding.UTF8.GetString(bytes).Trim();
        if (keys.Length == 0)
            throw new InvalidDataException($"The IPsec key in {location} (data key '{location.DataKey}') is empty.");
        return new IPsecKeysSecret(location.Namespace, location.Name, keys, secret.Metadata.ResourceVersion);
    }
}
