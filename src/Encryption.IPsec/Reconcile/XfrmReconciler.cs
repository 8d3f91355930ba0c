using Encryption.IPsec.Desired;
using Netlink;
using Xfrm.Client;

namespace Encryption.IPsec.Reconcile;

/// <summary>
/// Applies XFRM changes to the kernel. <see cref="Reconcile"/> is the full pass: dump the owned states and policies
/// (reqid 1 and our shapes), diff them with the desired set, apply the difference in one pipelined batch; a pass with
/// nothing to do sends no change at all. <see cref="Apply"/> is the incremental pass: a change set computed without a
/// dump (from what the last pass installed). Every refused change is reported by name; the rest of the batch still
/// applies (the kernel handles each request on its own). If acks were lost (ENOBUFS) the full pass dumps and diffs
/// again.
/// </summary>
public sealed class XfrmReconciler(XfrmClient client)
{
    public XfrmReconcileResult Reconcile(DesiredXfrm desired)
    {
        ArgumentNullException.ThrowIfNull(desired);
        for (var attempt = 1; ; attempt++)
        {
            var states = client.ListStates(XfrmOwnership.StateFilter);
            var policies = client.ListPolicies(XfrmOwnership.PolicyFilter);
            var changes = XfrmDiff.Compute(desired, states, policies);
            if (changes.IsEmpty)
                return new XfrmReconcileResult { Changes = changes, States = [.. states], Policies = [.. policies] };
            try
            {
                return Apply(changes) with { States = desired.States, Policies = desired.Policies };
            }
            catch (NetlinkResyncRequiredException) when (attempt < 3)
            {
                // Acks were dropped: what applied is unknown, so observe again.
            }
        }
    }

    /// <exception cref="NetlinkResyncRequiredException">Acks were lost: the caller must fall back to <see cref="Reconcile"/>.</exception>
    public XfrmReconcileResult Apply(XfrmChangeSet changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.IsEmpty)
            return new XfrmReconcileResult { Changes = changes };
        var applied = client.Apply(changes.Changes);
        return new XfrmReconcileResult
        {
            Changes = changes,
            Failures = XfrmReconcileResult.FailuresOf(applied),
            FailedIndexes = [.. applied.Failures.Select(f => f.Index)],
        };
    }
}
