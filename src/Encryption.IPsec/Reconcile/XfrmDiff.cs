using Encryption.IPsec.Desired;
using Xfrm.Client;
using Xfrm.Model;

namespace Encryption.IPsec.Reconcile;

/// <summary>
/// Desired versus observed XFRM objects (pure). Only objects <see cref="XfrmOwnership"/> claims are compared or
/// removed; anything else in the observed lists is left alone. A state whose configuration changed (new key material
/// after a peer reboot, a new peer address) cannot be updated in place by the kernel, so it is deleted and re-added
/// right away; a policy is updated in place. New objects are added, never "updated" over an existing one, so a
/// foreign object with the same identity is refused by the kernel (EEXIST, reported) rather than replaced.
/// </summary>
public static class XfrmDiff
{
    public static XfrmChangeSet Compute(DesiredXfrm desired, IEnumerable<XfrmState> observedStates, IEnumerable<XfrmPolicy> observedPolicies)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(observedStates);
        ArgumentNullException.ThrowIfNull(observedPolicies);

        var states = new Dictionary<StateIdentity, XfrmState>(desired.States.Length);
        foreach (var state in observedStates)
        {
            if (XfrmOwnership.IsOwned(state))
                states[XfrmComparison.StateIdentity(state)] = state;
        }

        var policies = new Dictionary<PolicyIdentity, XfrmPolicy>(desired.Policies.Length);
        foreach (var policy in observedPolicies)
        {
            if (XfrmOwnership.IsOwned(policy))
                policies[XfrmComparison.PolicyIdentity(policy)] = policy;
        }

        var addStates = new List<XfrmChange>();
        var replaceStates = new List<XfrmChange>();
        var seenStates = new HashSet<StateIdentity>(desired.States.Length);
        foreach (var state in desired.States)
        {
            var id = XfrmComparison.StateIdentity(state);
            if (!seenStates.Add(id))
                continue; // two desired states with one identity (e.g. two nodes claiming one address): the first wins
            if (!states.Remove(id, out var observed))
                addStates.Add(new XfrmChange.AddState(state));
            else if (!XfrmComparison.SameConfiguration(state, observed))
            {
                replaceStates.Add(new XfrmChange.DeleteState(observed.Key));
                replaceStates.Add(new XfrmChange.AddState(state));
            }
        }

        var addPolicies = new List<XfrmChange>();
        var updatePolicies = new List<XfrmChange>();
        var seenPolicies = new HashSet<PolicyIdentity>(desired.Policies.Length);
        foreach (var policy in desired.Policies)
        {
            var id = XfrmComparison.PolicyIdentity(policy);
            if (!seenPolicies.Add(id))
                continue;
            if (!policies.Remove(id, out var observed))
                addPolicies.Add(new XfrmChange.AddPolicy(policy));
            else if (!XfrmComparison.SameConfiguration(policy, observed))
                updatePolicies.Add(new XfrmChange.UpdatePolicy(policy));
        }

        // What is left in the dictionaries is owned and no longer desired.
        return new XfrmChangeSet
        {
            AddedStates = [.. addStates],
            ReplacedStates = [.. replaceStates],
            AddedPolicies = [.. addPolicies],
            UpdatedPolicies = [.. updatePolicies],
            RemovedPolicies = [.. policies.Values.Select(p => (XfrmChange)new XfrmChange.DeletePolicy(p.Key))],
            RemovedStates = [.. states.Values.Select(s => (XfrmChange)new XfrmChange.DeleteState(s.Key))],
        };
    }
}
