using System.Collections.Immutable;
using Xfrm.Client;
using Xfrm.Model;

namespace Encryption.IPsec.Reconcile;

/// <summary>One refused change: the <c>ip xfrm</c> equivalent (no key material) and the kernel's reason.</summary>
public sealed record XfrmFailure(string Change, string Error)
{
    public override string ToString() => $"{Change}: {Error}";
}

/// <summary>What one reconcile pass observed and did.</summary>
public sealed record XfrmReconcileResult
{
    public required XfrmChangeSet Changes { get; init; }

    /// <summary>Owned objects after the pass (observed plus applied), for status and metrics.</summary>
    public ImmutableArray<XfrmState> States { get; init; } = [];

    public ImmutableArray<XfrmPolicy> Policies { get; init; } = [];

    public ImmutableArray<XfrmFailure> Failures { get; init; } = [];

    /// <summary>Netlink requests that changed something (0 for a pass with nothing to do).</summary>
    public int Writes => Changes.Count;

    public bool Succeeded => Failures.IsEmpty;

    /// <summary>Failed changes by their index in <see cref="XfrmChangeSet.Changes"/>.</summary>
    public ImmutableHashSet<int> FailedIndexes { get; init; } = [];

    public static ImmutableArray<XfrmFailure> FailuresOf(XfrmApplyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return [.. result.Failures.Select(f => new XfrmFailure(f.Change.Describe(), f.Error is { } e ? $"{e.ErrnoName} ({e.Errno}){(e.KernelMessage is { Length: > 0 } m ? ": " + m : "")}" : "failed"))];
    }
}

/// <summary>A reconcile pass left changes unapplied: each is named with the kernel's reason.</summary>
public sealed class XfrmReconcileException : Exception
{
    public XfrmReconcileException(XfrmReconcileResult result)
        : base(Describe(result)) => Result = result;

    public XfrmReconcileException() : base("XFRM reconcile failed") { }

    public XfrmReconcileException(string message) : base(message) { }

    public XfrmReconcileException(string message, Exception inner) : base(message, inner) { }

    public XfrmReconcileResult? Result { get; }

    private static string Describe(XfrmReconcileResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var shown = result.Failures.Take(5).Select(f => f.ToString());
        var more = result.Failures.Length > 5 ? $"; and {result.Failures.Length - 5} more" : "";
        return $"{result.Failures.Length} of {result.Writes} XFRM changes failed: {string.Join("; ", shown)}{more}";
    }
}
