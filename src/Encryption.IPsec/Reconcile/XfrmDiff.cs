using Encryption.IPsec.Desired;
using Xfrm.Client;
using Xfrm.Model;

namespace Encryption.IPsec.Reconcile;

/// <summary>
/// Desired versus observed XFRM objects (pure). Only objects <see cref="XfrmOwnership"/> claims are compared or
/// removed; anything else in the observed lists is left alone. A state whose configuration changed (new key material
/// after a peer reboot, a new peer address) cannot be updated in place by the kernel, so it is deleted and re-added
/// right away; a policy is updated in place.
/// </summary>
public static class XfrmDiff
{
    public static XfrmChangeSet Compute(DesiredXfrm desired, IEnumerable<XfrmState> observedStates, IEnumerable<XfrmPolicy> observedPolicies)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(observedStates);
        ArgumentNullException.ThrowIfNull(observedPolicies);

        var states = new Dictionary<(IPAddressKey, uint, XfrmProtocol, XfrmMark), XfrmState>();
        foreach (var state in observedStates)
        {
            if (XfrmOwnership.IsOwned(state))
                states[XfrmComparison.StateIdentity(state)] = state;
        }

        var policies = new Dictionary<(XfrmSelector, XfrmPolicyDirection, XfrmMark, uint, XfrmPolicyType), XfrmPolicy>();
        foreach (var policy in observedPolicies)
        {
            if (XfrmOwnership.IsOwned(policy))
                policies[XfrmComparison.PolicyIdentity(policy)] = policy;
        }

        var addStates = new List<XfrmChange>();
        var replaceStates = new List<XfrmChange>();
        var keepStates = new HashSet<(IPAddressKey, uint, XfrmProtocol, XfrmMark)>();
        foreach (var state in desired.States)
        {
            var id = XfrmComparison.StateIdentity(state);
            if (!keepStates.Add(id))
                continue; // duplicates in the desired set collapse to the first
            if (!states.TryGetValue(id, out var observed))
                addStates.Add(new XfrmChange.AddState(state)); // over a foreign twin the kernel refuses it (EEXIST): reported, never replaced
            else if (!XfrmComparison.SameConfiguration(state, observed))
            {
                replaceStates.Add(new XfrmChange.DeleteState(observed.Key));
                replaceStates.Add(new XfrmChange.AddState(state));
            }
        }

        var addPolicies = new List<XfrmChange>();
        var updatePolicies = new List<XfrmChange>();
        var keepPolicies = new HashSet<(XfrmSelector, XfrmPolicyDirection, XfrmMark, uint, XfrmPolicyType)>();
        foreach (var policy in desired.Policies)
        {
            var id = XfrmComparison.PolicyIdentity(policy);
            if (!keepPolicies.Add(id))
                continue;
            if (!policies.TryGetValue(id, out var observed))
                addPolicies.Add(new XfrmChange.AddPolicy(policy)); // add, not update: a foreign twin is refused (EEXIST), never replaced
            else if (!XfrmComparison.SameConfiguration(policy, observed))
                updatePolicies.Add(new XfrmChange.UpdatePolicy(policy));
        }

        var removePolicies = policies
            .Where(p => !keepPolicies.Contains(p.Key))
            .Select(p => (XfrmChange)new XfrmChange.DeletePolicy(p.Value.Key))
            .ToList();
        var removeStates = states
            .Where(s => !keepStates.Contains(s.Key))
            .Select(s => (XfrmChange)new XfrmChange.DeleteState(s.Value.Key))
            .ToList();

        return new XfrmChangeSet([.. addStates, .. replaceStates, .. addPolicies, .. updatePolicies, .. removePolicies, .. removeStates])
        {
            StatesAdded = addStates.Count,
            StatesReplaced = replaceStates.Count / 2,
            StatesRemoved = removeStates.Count,
            PoliciesAdded = addPolicies.Count,
            PoliciesUpdated = updatePolicies.Count,
            PoliciesRemoved = removePolicies.Count,
        };
    }
}
