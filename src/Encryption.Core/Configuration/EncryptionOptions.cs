using Encryption.Core.Backends;

namespace Encryption.Core.Configuration;

/// <summary>
/// The agent's options: Cilium's Helm <c>encryption.*</c> tree plus the product's own, as one immutable validated
/// snapshot. Get one from <see cref="OptionsLoader"/>; compare two with <see cref="OptionsDiff"/>.
/// </summary>
public sealed record EncryptionOptions
{
    /// <summary>The defaults, as if no source set anything (node name empty).</summary>
    public static readonly EncryptionOptions Defaults = new();

    /// <summary><c>encryption.enabled</c>.</summary>
    public bool Enabled { get; init; }

    /// <summary><c>encryption.type</c>: IPsec, WireGuard or Ztunnel (never None).</summary>
    public EncryptionType Type { get; init; } = EncryptionType.IPsec;

    /// <summary>The backend to run: <see cref="Type"/> when enabled, otherwise None.</summary>
    public EncryptionType EffectiveType => Enabled ? Type : EncryptionType.None;

    /// <summary><c>encryption.nodeEncryption</c> (<c>encrypt-node</c>).</summary>
    public bool NodeEncryption { get; init; }

    /// <summary><c>node-encryption-opt-out-labels</c>: label selector of nodes left out of node encryption.</summary>
    public string NodeEncryptionOptOutLabels { get; init; } = "node-role.kubernetes.io/control-plane";

    public StrictModeOptions StrictMode { get; init; } = new();

    public IPsecOptions IPsec { get; init; } = new();

    public WireGuardOptions WireGuard { get; init; } = new();

    public ZtunnelOptions Ztunnel { get; init; } = new();

    public ClusterOptions Cluster { get; init; } = new();

    public AgentOptions Agent { get; init; } = new();
}
