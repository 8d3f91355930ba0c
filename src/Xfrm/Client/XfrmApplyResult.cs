using Netlink;

namespace Xfrm.Client;

/// <summary>What happened to one change of a bulk apply.</summary>
public enum XfrmChangeOutcome
{
    /// <summary>The kernel acknowledged the change.</summary>
    Applied,

    /// <summary>A delete found nothing to delete: the object is gone, which is what was asked.</summary>
    AlreadyAbsent,

    /// <summary>The kernel refused the change; see <see cref="XfrmChangeResult.Error"/>.</summary>
    Failed,
}

/// <summary>The result of change <see cref="Index"/> of a bulk apply.</summary>
public sealed record XfrmChangeResult(int Index, XfrmChange Change, XfrmChangeOutcome Outcome, NetlinkException? Error)
{
    public bool Succeeded => Outcome != XfrmChangeOutcome.Failed;
}

/// <summary>One result per change, in the order of the changes. A failure affects only its own change.</summary>
public sealed class XfrmApplyResult
{
    public XfrmApplyResult(IReadOnlyList<XfrmChangeResult> results) => Results = results;

    public IReadOnlyList<XfrmChangeResult> Results { get; }

    public IEnumerable<XfrmChangeResult> Failures => Results.Where(r => !r.Succeeded);

    public int FailureCount => Results.Count(r => !r.Succeeded);

    public bool AllSucceeded => Results.All(r => r.Succeeded);

    /// <summary>Throws an <see cref="AggregateException"/> with the error of every failed change, if any failed.</summary>
    public void ThrowIfAnyFailed()
    {
        var errors = Failures.Select(f => (Exception)f.Error!).ToList();
        if (errors.Count > 0)
            throw new AggregateException($"{errors.Count} of {Results.Count} XFRM changes failed", errors);
    }
}
