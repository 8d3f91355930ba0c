using System.Collections.Immutable;
using Encryption.Core.Cluster;
using Encryption.IPsec.Desired;
using Encryption.IPsec.Planning;
using Encryption.IPsec.Reconcile;
using Encryption.IPsec.Rotation;
using Xfrm.Model;

namespace Encryption.IPsec.Backend;

/// <summary>One remote node's desired objects and why it might have none.</summary>
public sealed record NodeXfrm(Node Node, ImmutableArray<XfrmState> States, ImmutableArray<XfrmPolicy> Policies, ImmutableArray<SkippedNode> Skipped, ImmutableArray<XfrmFamily> Families);

/// <summary>
/// The desired XFRM set kept per remote node (pure apart from its own memory), so that a cluster change recomputes
/// and diffs only the nodes that changed: a node added to 5,000 costs one node's key derivations and a few netlink
/// requests, not a dump of 15,000 objects. Entries are reused when the node, the local node, the key ring and the
/// options are the same as in the previous view.
/// </summary>
public sealed class DesiredView
{
    private DesiredView(ClusterSnapshot snapshot, KeyRing ring, IPsecPlanOptions options, ImmutableSortedDictionary<string, NodeXfrm> nodes, ImmutableArray<XfrmPolicy> global)
    {
        Local = snapshot.Local;
        Remotes = snapshot.Remotes;
        Ring = ring;
        Options = options;
        Nodes = nodes;
        Global = global;
    }

    public Node Local { get; }

    /// <summary>The remote nodes this view was built from (the snapshot's own map).</summary>
    public ImmutableSortedDictionary<string, Node> Remotes { get; }

    public KeyRing Ring { get; }

    public IPsecPlanOptions Options { get; }

    public ImmutableSortedDictionary<string, NodeXfrm> Nodes { get; }

    /// <summary>Per-family pass-through (and default-drop) policies, and strict-mode policies.</summary>
    public ImmutableArray<XfrmPolicy> Global { get; }

    /// <summary>Tunnels (one per remote node and address family).</summary>
    public int Tunnels => Counts.IPv4 + Counts.IPv6;

    /// <summary>How many entries <see cref="Skipped"/> has (peers with no tunnel, or not in every family).</summary>
    public int SkippedCount => Counts.Skipped;

    /// <summary>Kept up to date per changed node, so a node added to 5,000 is not a walk over them all.</summary>
    private TunnelCounts Counts { get; init; }

    public IEnumerable<SkippedNode> Skipped => Nodes.Values.SelectMany(n => n.Skipped).OrderBy(s => s.Name, StringComparer.Ordinal);

    /// <summary>
    /// The view of <paramref name="snapshot"/>, reusing <paramref name="previous"/>'s entries where nothing changed.
    /// <paramref name="differences"/>, when given, must be <see cref="NodeChurn.Differences"/> from
    /// <paramref name="previous"/>'s <see cref="Remotes"/> to <paramref name="snapshot"/>'s: then the
    /// unchanged nodes are not even walked (null: one walk over both maps finds them).
    /// </summary>
    public static DesiredView Build(ClusterSnapshot snapshot, KeyRing ring, IPsecPlanOptions options, ImmutableArray<XfrmPolicy> extraGlobal, DesiredView? previous, IReadOnlyList<NodeDifference>? differences = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(options);
        var reusable = previous is not null && ReferenceEquals(previous.Ring, ring) && previous.Options == options && previous.Local.Equals(snapshot.Local);
        // The walk below needs ordinal order on both sides (the cluster view's default).
        var remotes = snapshot.Remotes.KeyComparer == StringComparer.Ordinal ? snapshot.Remotes : snapshot.Remotes.WithComparers(StringComparer.Ordinal);
        ImmutableSortedDictionary<string, NodeXfrm> nodes;
        ImmutableArray<string>? touched = null;
        if (reusable && differences is not null)
        {
            // The caller walked both maps already: apply just its differences.
            var changed = new List<KeyValuePair<string, NodeXfrm>>();
            var removed = new List<string>();
            foreach (var difference in differences)
            {
                if (difference.After is null)
                    removed.Add(difference.Name);
                else
                    changed.Add(KeyValuePair.Create(difference.Name, ForNode(snapshot.Local, difference.After, ring, options)));
            }

            nodes = changed.Count == 0 && removed.Count == 0 ? previous!.Nodes : previous!.Nodes.SetItems(changed).RemoveRange(removed);
            touched = [.. changed.Select(c => c.Key), .. removed];
        }
        else if (reusable)
        {
            // Touch only what changed: unchanged nodes keep their entries (and the dictionary its structure).
            var changed = new List<KeyValuePair<string, NodeXfrm>>();
            var removed = new List<string>();
            using var known = previous!.Nodes.GetEnumerator();
            var hasKnown = known.MoveNext();
            foreach (var (name, remote) in remotes)
            {
                // Both sorted by ordinal name: one walk, no lookups.
                while (hasKnown && string.CompareOrdinal(known.Current.Key, name) < 0)
                {
                    removed.Add(known.Current.Key);
                    hasKnown = known.MoveNext();
                }

                var same = hasKnown && known.Current.Key == name;
                if (!same || !(ReferenceEquals(known.Current.Value.Node, remote) || known.Current.Value.Node.Equals(remote)))
                    changed.Add(KeyValuePair.Create(name, ForNode(snapshot.Local, remote, ring, options)));
                if (same)
                    hasKnown = known.MoveNext();
            }

            for (; hasKnown; hasKnown = known.MoveNext())
                removed.Add(known.Current.Key);

            nodes = changed.Count == 0 && removed.Count == 0 ? previous.Nodes : previous.Nodes.SetItems(changed).RemoveRange(removed);
            touched = [.. changed.Select(c => c.Key), .. removed];
        }
        else
        {
            var builder = ImmutableSortedDictionary.CreateBuilder<string, NodeXfrm>(StringComparer.Ordinal);
            foreach (var (name, remote) in snapshot.Remotes)
                builder[name] = ForNode(snapshot.Local, remote, ring, options);
            nodes = builder.ToImmutable();
        }

        var counts = touched is { } names ? previous!.Counts.Moved(names, previous.Nodes, nodes) : TunnelCounts.Of(nodes.Values);
        // The pass-through policies depend only on which families have tunnels (and the mode, same when reusable).
        var global = reusable && counts.SameFamilies(previous!.Counts) && previous.ExtraGlobal.SequenceEqual(extraGlobal)
            ? previous.Global
            : DesiredXfrmBuilder.ForFamilies(counts.Families(), options.Mode).AddRange(extraGlobal);
        return new DesiredView(snapshot, ring, options, nodes, global)
        {
            ExtraGlobal = extraGlobal, Base = reusable ? previous : null, Touched = touched, Counts = counts,
        };
    }

    private ImmutableArray<XfrmPolicy> ExtraGlobal { get; init; } = [];

    /// <summary>The view this one was derived from, and the node names that differ from it (null: all may differ).</summary>
    private DesiredView? Base { get; init; }

    private ImmutableArray<string>? Touched { get; init; }

    /// <summary>Everything, for a full reconcile against a kernel dump.</summary>
    public DesiredXfrm All() => new(
        [.. Nodes.Values.SelectMany(n => n.States)],
        [.. Nodes.Values.SelectMany(n => n.Policies), .. Global]);

    /// <summary>The changes from what <paramref name="installed"/> put in the kernel to this view: only changed nodes are diffed.</summary>
    public XfrmChangeSet ChangesFrom(DesiredView installed)
    {
        ArgumentNullException.ThrowIfNull(installed);
        var sets = new List<XfrmChangeSet>();
        if (ReferenceEquals(Base, installed) && Touched is { } touched)
        {
            // Derived from what is installed: only the touched nodes can differ.
            foreach (var name in touched)
            {
                var now = Nodes.GetValueOrDefault(name);
                var before = installed.Nodes.GetValueOrDefault(name);
                sets.Add(XfrmDiff.Compute(now is null ? DesiredXfrm.Empty : new DesiredXfrm(now.States, now.Policies), before?.States ?? [], before?.Policies ?? []));
            }

            if (Global != installed.Global && !Global.SequenceEqual(installed.Global))
                sets.Add(XfrmDiff.Compute(new DesiredXfrm([], Global), [], installed.Global));
            return sets.Count == 0 ? XfrmChangeSet.Empty : XfrmChangeSet.Merge(sets);
        }

        foreach (var (name, entry) in Nodes)
        {
            if (!installed.Nodes.TryGetValue(name, out var before))
                sets.Add(XfrmDiff.Compute(new DesiredXfrm(entry.States, entry.Policies), [], []));
            else if (!ReferenceEquals(before, entry))
                sets.Add(XfrmDiff.Compute(new DesiredXfrm(entry.States, entry.Policies), before.States, before.Policies));
        }

        foreach (var (name, before) in installed.Nodes)
        {
            if (!Nodes.ContainsKey(name))
                sets.Add(XfrmDiff.Compute(DesiredXfrm.Empty, before.States, before.Policies));
        }

        if (!Global.SequenceEqual(installed.Global))
            sets.Add(XfrmDiff.Compute(new DesiredXfrm([], Global), [], installed.Global));
        return sets.Count == 0 ? XfrmChangeSet.Empty : XfrmChangeSet.Merge(sets);
    }

    private static NodeXfrm ForNode(Node local, Node remote, KeyRing ring, IPsecPlanOptions options)
    {
        var plan = TunnelPlanner.Plan(ClusterSnapshot.Of(local, remote), ring, options);
        var states = ImmutableArray.CreateBuilder<XfrmState>();
        var policies = ImmutableArray.CreateBuilder<XfrmPolicy>();
        foreach (var tunnel in plan.Tunnels)
        {
            var (tunnelStates, tunnelPolicies) = DesiredXfrmBuilder.ForTunnel(tunnel, ring, options.Mode);
            states.AddRange(tunnelStates);
            policies.AddRange(tunnelPolicies);
        }

        return new NodeXfrm(remote, states.ToImmutable(), policies.ToImmutable(), plan.Skipped, [.. plan.Tunnels.Select(t => XfrmFamilies.Of(t.LocalAddress))]);
    }
}
