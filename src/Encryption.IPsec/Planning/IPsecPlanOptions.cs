using Encryption.Core.Configuration;

namespace Encryption.IPsec.Planning;

/// <summary>What the planner needs from the validated options.</summary>
public sealed record IPsecPlanOptions
{
    public IPsecPolicyMode Mode { get; init; } = IPsecPolicyMode.Selector;

    /// <summary>Also encrypt node-to-node traffic (OUT policies for the remote node address).</summary>
    public bool NodeEncryption { get; init; }

    public bool IPv4 { get; init; } = true;

    public bool IPv6 { get; init; } = true;
}
