using System.Collections.Immutable;
using Xfrm.Model;

namespace Encryption.IPsec.Desired;

/// <summary>Every XFRM state and policy this node should have, as computed from the plan and keys.</summary>
public sealed record DesiredXfrm(ImmutableArray<XfrmState> States, ImmutableArray<XfrmPolicy> Policies)
{
    public static DesiredXfrm Empty { get; } = new([], []);
}
