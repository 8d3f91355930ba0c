using Xfrm.Model;

namespace Xfrm.Client;

/// <summary>Which policies a dump returns (applied in user space: the kernel has no policy dump filters).</summary>
public sealed record XfrmPolicyFilter
{
    public XfrmPolicyDirection? Direction { get; init; }
    public XfrmFamily? Family { get; init; }
    public uint? Priority { get; init; }
    public XfrmPolicyAction? Action { get; init; }

    /// <summary>The policy's mark must equal this value and mask exactly.</summary>
    public XfrmMark? Mark { get; init; }

    /// <summary>The policy's mark value, under <see cref="MarkMask"/>, must equal <see cref="MarkValue"/>.</summary>
    public uint? MarkValue { get; init; }

    public uint MarkMask { get; init; } = uint.MaxValue;

    /// <summary>Some template of the policy must carry this reqid.</summary>
    public uint? TemplateReqId { get; init; }

    public uint? InterfaceId { get; init; }

    public Func<XfrmPolicy, bool>? Where { get; init; }

    public static XfrmPolicyFilter All { get; } = new();

    public bool Matches(XfrmPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return (Direction is null || policy.Direction == Direction)
            && (Family is null || policy.Selector.Family == Family)
            && (Priority is null || policy.Priority == Priority)
            && (Action is null || policy.Action == Action)
            && (Mark is null || policy.Mark == Mark)
            && (MarkValue is null || ((policy.Mark?.Value ?? 0) & MarkMask) == MarkValue)
            && (TemplateReqId is null || policy.Templates.Any(t => t.ReqId == TemplateReqId))
            && (InterfaceId is null || (policy.InterfaceId ?? 0) == InterfaceId)
            && (Where is null || Where(policy));
    }
}
