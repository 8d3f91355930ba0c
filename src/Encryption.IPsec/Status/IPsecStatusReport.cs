using System.Collections.Immutable;

namespace Encryption.IPsec.Status;

/// <summary>
/// The facts behind <c>encrypt status</c> for IPsec, as read from the kernel: never key material.
/// <see cref="MaxSequenceNumber"/> is the full 64-bit ESN value (Cilium prints only the low 32 bits).
/// </summary>
public sealed record IPsecStatusReport
{
    public ImmutableArray<string> DecryptInterfaces { get; init; } = [];

    /// <summary>Distinct key materials among our states (per tunnel and direction, as Cilium counts).</summary>
    public int KeysInUse { get; init; }

    public ulong MaxSequenceNumber { get; init; }

    /// <summary>Non-zero <c>/proc/net/xfrm_stat</c> counters by kernel name.</summary>
    public ImmutableSortedDictionary<string, long> XfrmErrors { get; init; } = ImmutableSortedDictionary<string, long>.Empty;

    public long ErrorCount => XfrmErrors.Values.Sum();

    /// <summary>Key IDs currently held (newest last) and the one advertised on the node object.</summary>
    public ImmutableArray<byte> KeyIds { get; init; } = [];

    public byte AdvertisedKeyId { get; init; }

    public int States { get; init; }

    public int Policies { get; init; }

    /// <summary>Operator-facing problems (skipped peers, refused key files, sequence-number warnings).</summary>
    public ImmutableArray<string> Messages { get; init; } = [];
}
