namespace Encryption.Kubernetes.Secrets;

/// <summary>
/// Where the IPsec keys live. Cilium's CLI hard-codes <c>cilium-ipsec-keys</c> / data key <c>keys</c>; the
/// Secret must be in the agent's namespace because the agent mounts it (operations spec §1.4).
/// </summary>
public sealed record IPsecKeysSecretLocation(string Namespace, string Name = IPsecKeysSecretLocation.DefaultName, string DataKey = IPsecKeysSecretLocation.DefaultDataKey)
{
    public const string DefaultName = "cilium-ipsec-keys";
    public const string DefaultDataKey = "keys";
    public const string DefaultNamespace = "kube-system";

    public override string ToString() => $"{Namespace}/{Name}";
}
