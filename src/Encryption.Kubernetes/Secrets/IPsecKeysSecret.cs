namespace Encryption.Kubernetes.Secrets;

/// <summary>
/// The IPsec key line from the Secret (e.g. <c>3+ rfc4106(gcm(aes)) &lt;hex&gt; 128</c>) and the resource
/// version it was read at (for conditional updates). <see cref="ToString"/> never shows the key.
/// </summary>
public sealed class IPsecKeysSecret
{
    public IPsecKeysSecret(string @namespace, string name, string keys, string? resourceVersion)
    {
        Namespace = @namespace;
        Name = name;
        Keys = keys;
        ResourceVersion = resourceVersion;
    }

    public string Namespace { get; }

    public string Name { get; }

    /// <summary>Key material: never log or print it unless the operator asks.</summary>
    public string Keys { get; }

    public string? ResourceVersion { get; }

    public override string ToString() => $"Secret {Namespace}/{Name} (resourceVersion {ResourceVersion}, keys redacted)";
}
