namespace Xfrm.Model;

/// <summary>
/// A security policy (<c>ip xfrm policy</c>): selector, direction, priority, action, mark, interface id and
/// the templates a matching packet must be transformed by.
/// </summary>
public sealed record XfrmPolicy
{
    public required XfrmSelector Selector { get; init; }
    public required XfrmPolicyDirection Direction { get; init; }

    /// <summary>Lower numbers win.</summary>
    public uint Priority { get; init; }

    /// <summary>Kernel-assigned index (its low 3 bits encode the direction); 0 on add lets the kernel pick.</summary>
    public uint Index { get; init; }

    public XfrmPolicyAction Action { get; init; }
    public XfrmPolicyFlags Flags { get; init; }
    public byte Share { get; init; }
    public XfrmPolicyType Type { get; init; }
    public XfrmMark? Mark { get; init; }
    public uint? InterfaceId { get; init; }
    public ValueList<XfrmTemplate> Templates { get; init; } = ValueList<XfrmTemplate>.Empty;
    public XfrmLifetimeConfig Lifetime { get; init; } = XfrmLifetimeConfig.Infinite;

    /// <summary>Usage so far (dumps only).</summary>
    public XfrmLifetimeCurrent Current { get; init; }

    /// <summary>What identifies this policy to the kernel for get and delete (by selector, not index).</summary>
    public XfrmPolicyKey Key => new(Selector, Direction) { Mark = Mark, InterfaceId = InterfaceId, Type = Type };
}
