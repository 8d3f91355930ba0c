using System.Collections.Immutable;

namespace Encryption.Cli.Lab.Verify;

/// <summary>What the underlay capture showed: packets per kind, plaintext pod packets, the first of them.</summary>
internal sealed record CaptureSummary(
    int Total,
    ImmutableSortedDictionary<PacketKind, int> Counts,
    int Offending,
    int PayloadVisible,
    ClassifiedPacket? FirstOffending,
    ClassifiedPacket? FirstPayloadVisible)
{
    public bool PlaintextSeen => Offending > 0;

    /// <summary>Plaintext pod packets that are TCP (what ztunnel redirects; it leaves ICMP and UDP alone).</summary>
    public int OffendingTcp { get; init; }

    public int Count(PacketKind kind) => Counts.GetValueOrDefault(kind);

    public static CaptureSummary From(IReadOnlyList<ClassifiedPacket> packets)
    {
        ArgumentNullException.ThrowIfNull(packets);
        var counts = PacketKinds.All.ToImmutableSortedDictionary(k => k, k => packets.Count(p => p.Kind == k));
        var offending = packets.Where(p => p.Offending).ToList();
        var readable = packets.Where(p => p.VisiblePayload is not null).ToList();
        return new CaptureSummary(packets.Count, counts, offending.Count, readable.Count, offending.FirstOrDefault(), readable.FirstOrDefault())
        {
            OffendingTcp = offending.Count(p => p.Kind == PacketKind.Tcp),
        };
    }
}
