using Encryption.IPsec.Desired;
using Netlink;
using Xfrm.Client;

namespace Encryption.IPsec.Reconcile;

/// <summary>
/// One reconcile pass against the kernel: dump the owned states and policies (reqid 1 and our shapes), diff them with
/// the desired set, apply the difference in one pipelined batch. A pass with nothing to do sends no change at all.
/// Every refused change is reported by name; the rest of the batch still applies (the kernel handles each request on
/// its own), and the next pass retries what failed. If acks were lost (ENOBUFS) the pass dumps and diffs again.
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
                var applied = client.Apply(changes.Changes);
                return new XfrmReconcileResult
                {
                    Changes = changes,
                    States = [.. desired.States],
                    Policies = [.. desired.Policies],
                    Failures = XfrmReconcileResult.FailuresOf(applied),
                    FailedIndexes = [.. applied.Failures.Select(f => f.Index)],
                };
            }
            catch (NetlinkResyncRequiredException) when (attempt < 3)
            {
                // Acks were dropped: what applied is unknown, so observe again.
            }
        }
    }
}
