namespace Xfrm.Model;

/// <summary>
/// The kernel's identity of a policy: selector + direction + mark + interface id + type, or, when
/// <see cref="Index"/> is not 0, the index alone. Templates do not take part.
/// </summary>
public sealed record XfrmPolicyKey(XfrmSelector Selector, XfrmPolicyDirection Direction)
{
    public uint Index { get; init; }

    public XfrmMark? Mark { get; init; }

    public uint? InterfaceId { get; init; }

    public XfrmPolicyType Type { get; init; }
}
