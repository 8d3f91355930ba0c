using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using Encryption.Core.Cluster;
using Encryption.Core.Configuration;
using Xfrm.Model;

namespace Encryption.IPsec.StrictMode;

/// <summary>
/// Strict-mode egress for IPsec as XFRM policies (pure). Plaintext whose source and destination are both inside the
/// strict CIDR is blocked when it would leave the node; encrypted paths win because their OUT policies sit at a higher
/// precedence (priority 0, lower numbers win), so a peer whose states or policies are missing gets
/// <c>XfrmOutPolBlock</c> instead of a leak. Traffic that stays on the node (destination in a local pod CIDR) and,
/// with <c>allowRemoteNodeIdentities</c>, traffic to remote node addresses inside the CIDR is allowed at
/// <see cref="AllowPriority"/>.
/// <code>
/// ip xfrm policy add src CIDR dst CIDR dir out action block priority 3999
/// ip xfrm policy add src 0.0.0.0/0 dst LOCALPODCIDR dir out action allow priority 3998
/// ip xfrm policy add src 0.0.0.0/0 dst REMOTENODE/32 dir out action allow priority 3998   (allowRemoteNodeIdentities)
/// </code>
/// </summary>
public static class StrictEgressPolicies
{
    public const uint AllowPriority = 3998;
    public const uint BlockPriority = 3999;

    public static ImmutableArray<XfrmPolicy> Build(StrictEgressOptions options, ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(snapshot);
        if (!options.Enabled || options.Cidr is not { } cidr || cidr.BaseAddress.AddressFamily != AddressFamily.InterNetwork)
            return [];
        var policies = ImmutableArray.CreateBuilder<XfrmPolicy>();
        policies.Add(new XfrmPolicy
        {
            Selector = Selector(cidr) with { Source = cidr.BaseAddress, SourcePrefixLength = (byte)cidr.PrefixLength },
            Direction = XfrmPolicyDirection.Out,
            Action = XfrmPolicyAction.Block,
            Priority = BlockPriority,
        });
        var allowed = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var local in snapshot.Local.PodCidrs.Where(c => c.BaseAddress.AddressFamily == AddressFamily.InterNetwork))
        {
            if (allowed.Add(local.ToString()))
                policies.Add(Allow(local));
        }

        if (options.AllowRemoteNodeIdentities)
        {
            foreach (var remote in snapshot.Remotes.Values.OrderBy(n => n.Name, StringComparer.Ordinal))
            {
                if (remote.IPv4 is { } address && cidr.Contains(address) && allowed.Add(address + "/32"))
                    policies.Add(Allow(new IPNetwork(address, 32)));
            }
        }

        return policies.ToImmutable();
    }

    /// <summary>True for the shapes <see cref="Build"/> produces (ownership for reconcile).</summary>
    public static bool IsStrictShape(XfrmPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy.Direction == XfrmPolicyDirection.Out
            && policy.Mark is null
            && policy.Templates.Count == 0
            && (policy.Action == XfrmPolicyAction.Block && policy.Priority == BlockPriority
                || policy.Action == XfrmPolicyAction.Allow && policy.Priority == AllowPriority);
    }

    private static XfrmPolicy Allow(IPNetwork destination) => new()
    {
        Selector = Selector(destination),
        Direction = XfrmPolicyDirection.Out,
        Action = XfrmPolicyAction.Allow,
        Priority = AllowPriority,
    };

    private static XfrmSelector Selector(IPNetwork destination) => XfrmSelector.Any(XfrmFamily.IPv4) with
    {
        Destination = destination.BaseAddress,
        DestinationPrefixLength = (byte)destination.PrefixLength,
    };
}
