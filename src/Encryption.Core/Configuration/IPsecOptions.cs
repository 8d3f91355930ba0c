namespace Encryption.Core.Configuration;

/// <summary>How the IPsec backend selects traffic for its XFRM OUT policies (architecture.md §2).</summary>
public enum IPsecPolicyMode
{
    /// <summary>Policies select by destination (remote pod CIDRs, node IPs); works on any host.</summary>
    Selector,

    /// <summary>Cilium's mark layout (<c>0x0E00 | keyID&lt;&lt;12 | nodeID&lt;&lt;16</c>), for hosts where a datapath sets marks.</summary>
    Mark,
}

/// <summary><c>encryption.ipsec.*</c>.</summary>
public sealed record IPsecOptions
{
    /// <summary>Key file name inside <see cref="MountPath"/>.</summary>
    public string KeyFile { get; init; } = "keys";

    public string MountPath { get; init; } = "/etc/ipsec";

    public string SecretName { get; init; } = "cilium-ipsec-keys";

    /// <summary>Accepted for compatibility; has no effect.</summary>
    public string Interface { get; init; } = "";

    public bool KeyWatcher { get; init; } = true;

    public TimeSpan KeyRotationDuration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Accepted for compatibility; has no effect.</summary>
    public bool EncryptedOverlay { get; init; }

    public IPsecPolicyMode PolicyMode { get; init; } = IPsecPolicyMode.Selector;

    /// <summary>The key file the agent reads: what the chart renders as <c>ipsec-key-file</c>.</summary>
    public string KeyFilePath => Path.Join(MountPath, KeyFile);

    /// <summary>The most an agent waits before loading a new key file (Cilium 1.20: a tenth of the rotation duration).</summary>
    public TimeSpan KeyRotationJitter => KeyRotationDuration / 10;
}
