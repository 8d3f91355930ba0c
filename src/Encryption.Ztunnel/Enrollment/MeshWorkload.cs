using System.Collections.Immutable;
using System.Net;
using Encryption.Ztunnel.Ca;

namespace Encryption.Ztunnel.Enrollment;

/// <summary>
/// A pod of an enrolled namespace anywhere in the cluster, as ztunnel must know it over xDS.
/// <see cref="Node"/> follows ztunnel's NODE_NAME convention (see <see cref="NodeIdentity"/>).
/// </summary>
public sealed record MeshWorkload
{
    /// <summary>The pod UID: the xDS resource name, <c>Workload.uid</c> and the ZDS uid.</summary>
    public required string Uid { get; init; }

    public required string Name { get; init; }

    public required string Namespace { get; init; }

    public required string ServiceAccount { get; init; }

    public required string Node { get; init; }

    public ImmutableArray<IPAddress> Addresses { get; init; } = [];

    public SpiffeId IdentityIn(string trustDomain) => new(trustDomain, Namespace, ServiceAccount);

    public bool Equals(MeshWorkload? other) =>
        other is not null && Uid == other.Uid && Name == other.Name && Namespace == other.Namespace
        && ServiceAccount == other.ServiceAccount && Node == other.Node && Addresses.SequenceEqual(other.Addresses);

    public override int GetHashCode() => HashCode.Combine(Uid, Name, Namespace, ServiceAccount, Node);
}

/// <summary>A pod on this node that is handed to ztunnel: its mesh entry plus where its network namespace is.</summary>
public sealed record LocalWorkload(MeshWorkload Workload, string NetworkNamespacePath)
{
    public string Uid => Workload.Uid;
}
