using Encryption.Core.Cluster;
using Encryption.Core.Configuration;
using Encryption.IPsec.Desired;
using Encryption.IPsec.Planning;
using Encryption.IPsec.Rotation;
using Encryption.IPsec.Tests.Planning;
using Encryption.IPsec.Tests.Rotation;

namespace Encryption.IPsec.Tests.Reconcile;

/// <summary>Desired sets for lab-shaped clusters, as the backend computes them.</summary>
internal static class DesiredSets
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    public static KeyRing Ring(params byte[] keyIds) =>
        keyIds.Aggregate(KeyRing.Empty, (ring, id) => ring.Load(KeyRingTests.Gcm(id), T0));

    public static DesiredXfrm For(int local, int[] remotes, KeyRing ring, IPsecPolicyMode mode = IPsecPolicyMode.Selector, byte advertised = 0)
    {
        var snapshot = ClusterSnapshot.Of(Nodes.Lab(local), remotes.Select(n => Nodes.Lab(n, advertised)));
        var plan = TunnelPlanner.Plan(snapshot, ring, new IPsecPlanOptions { Mode = mode });
        return DesiredXfrmBuilder.Build(plan, ring, mode);
    }
}
