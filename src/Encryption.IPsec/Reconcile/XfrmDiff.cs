using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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

        // Observed owned objects by identity, each with a "matched" flag set in place: no second set to tell a desired
        // duplicate from a match (a no-op resync of 15,000 objects allocates only these two tables).
        var states = new Dictionary<StateIdentity, Observed<XfrmState>>(desired.States.Length);
        foreach (var state in observedStates)
        {
            if (XfrmOwnership.IsOwned(state))
                states[XfrmComparison.StateIdentity(state)] = new(state);
        }

        var policies = new Dictionary<PolicyIdentity, Observed<XfrmPolicy>>(desired.Policies.Length);
        foreach (var policy in observedPolicies)
        {
            if (XfrmOwnership.IsOwned(policy))
                policies[XfrmComparison.PolicyIdentity(policy)] = new(policy);
        }

        var addStates = new List<XfrmChange>();
        var replaceStates = new List<XfrmChange>();
        HashSet<StateIdentity>? addedStates = null;
        foreach (var state in desired.States)
        {
            var id = XfrmComparison.StateIdentity(state);
            ref var observed = ref CollectionsMarshal.GetValueRefOrNullRef(states, id);
            if (Unsafe.IsNullRef(ref observed))
            {
                // Two desired states with one identity (e.g. two nodes claiming one address): the first wins.
                if ((addedStates ??= []).Add(id))
                    addStates.Add(new XfrmChange.AddState(state));
                continue;
            }

            if (observed.Matched)
                continue;
            observed.Matched = true;
            if (!XfrmComparison.SameConfiguration(state, observed.Value))
            {
                replaceStates.Add(new XfrmChange.DeleteState(observed.Value.Key));
                replaceStates.Add(new XfrmChange.AddState(state));
            }
        }

        var addPolicies = new List<XfrmChange>();
        var updatePolicies = new List<XfrmChange>();
        HashSet<PolicyIdentity>? addedPolicies = null;
        foreach (var policy in desired.Policies)
        {
            var id = XfrmComparison.PolicyIdentity(policy);
            ref var observed = ref CollectionsMarshal.GetValueRefOrNullRef(policies, id);
            if (Unsafe.IsNullRef(ref observed))
            {
                if ((addedPolicies ??= []).Add(id))
                    addPolicies.Add(new XfrmChange.AddPolicy(policy));
                continue;
            }

            if (observed.Matched)
                continue;
            observed.Matched = true;
            if (!XfrmComparison.SameConfiguration(policy, observed.Value))
                updatePolicies.Add(new XfrmChange.UpdatePolicy(policy));
        }

        // What no desired object matched is owned and no longer desired.
        return new XfrmChangeSet
        {
            AddedStates = [.. addStates],
            ReplacedStates = [.. replaceStates],
            AddedPolicies = [.. addPolicies],
            UpdatedPolicies = [.. updatePolicies],
            RemovedPolicies = [.. policies.Values.Where(p => !p.Matched).Select(p => (XfrmChange)new XfrmChange.DeletePolicy(p.Value.Key))],
            RemovedStates = [.. states.Values.Where(s => !s.Matched).Select(s => (XfrmChange)new XfrmChange.DeleteState(s.Value.Key))],
        };
    }

    /// <summary>An observed object and whether a desired one matched it.</summary>
    private struct Observed<T>(T value)
    {
        public T Value { get; } = value;

        public bool Matched { get; set; }
    }
}
